"""Named queries runnable by URL (datasette's canned queries): HTML, JSON and CSV."""

from __future__ import annotations

import csv
import io

import pytest
from flask.testing import FlaskClient

from tests.test_web_support import make_app

HTML = {"Accept": "text/html"}
URL = "/queries/tasks_by_article?document=36/2018/QH14&article=10"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return make_app().test_client()


def test_the_list_links_every_named_query(client: FlaskClient) -> None:
    html = client.get("/queries", headers=HTML).get_data(as_text=True)
    assert 'href="/queries/tasks_by_article"' in html and "api_tasks" not in html
    listed = client.get("/queries?format=json").get_json()
    assert {"tasks_by_article", "body_duties"} <= {q["name"] for q in listed}


def test_a_query_answers_as_a_table_json_and_csv_alike(client: FlaskClient) -> None:
    html = client.get(URL, headers=HTML).get_data(as_text=True)
    assert "<table" in html and 'href="/id/task/' in html  # our IRIs open on this server
    js = client.get(URL.replace("?", ".json?")).get_json()
    assert js["query"] == "tasks_by_article" and js["rows"] and "task" in js["columns"]
    assert all(r["articleNumber"] == "10" for r in js["rows"])
    resp = client.get(URL + "&format=csv")
    assert resp.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert [r["task"] for r in rows] == [r["task"] for r in js["rows"]]


def test_parameters_are_the_declared_ones_typed_and_bound(client: FlaskClient) -> None:
    # a required parameter left out: the form, not an error
    html = client.get("/queries/tasks_by_article", headers=HTML).get_data(as_text=True)
    assert 'name="document"' in html and "<table" not in html
    assert client.get("/queries/tasks_by_article.json").status_code == 400
    assert client.get(URL + "&evil=1", headers=HTML).status_code == 400
    # text that would break out of a pasted query is a value, found nowhere
    sneaky = '36/2018/QH14" } UNION { ?s ?p ?o } #'
    js = client.get("/queries/tasks_by_article.json", query_string={"document": sneaky}).get_json()
    assert js["rows"] == []
    assert client.get("/queries/no_such_query").status_code == 404
