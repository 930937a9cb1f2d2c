"""Flask blueprints of the web service: api, sparql, pages, explorer."""
