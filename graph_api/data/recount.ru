# The store-wide counts of some documents, articles, bodies and plans (or of all: no VALUES),
# summed again from the tallies in the plan graphs (graph_api.tallies): one tally a plan and a
# thing counted, so the plans are the tallies and the tasks their sum. The keys mark is a
# VALUES block of IRIs written by cancu itself, or by nothing; the tallies mark, the graph of
# the sums (both marks in braces below). No PREFIX: this request follows others (after a
# ';'), where Oxigraph takes none; IRIs are written whole.
DELETE { GRAPH {tallies} { ?key ?p ?o } }
WHERE { {keys} GRAPH {tallies} { ?key ?p ?o } } ;
INSERT { GRAPH {tallies} { ?key ?plansP ?plans ; ?tasksP ?tasks } }
WHERE {
  { SELECT ?key ?measure (COUNT(?tally) AS ?plans) (SUM(?n) AS ?tasks) WHERE {
      # each tally once: a copy of it in another graph (an inferred one) is the same tally
      { SELECT DISTINCT ?tally ?key ?measure ?n WHERE {
          {keys}
          GRAPH ?g { ?tally <https://cancu.dev/meta#tallyOf> ?key ; <https://cancu.dev/meta#measure> ?measure ; <https://cancu.dev/meta#tasks> ?n } } } }
    GROUP BY ?key ?measure }
  VALUES (?measure ?plansP ?tasksP) {
    ("cites"   <https://cancu.dev/meta#citingPlans>   <https://cancu.dev/meta#citingTasks>)
    ("article" <https://cancu.dev/meta#citingPlans>   <https://cancu.dev/meta#citingTasks>)
    ("names"   <https://cancu.dev/meta#assigningPlans> <https://cancu.dev/meta#assignedTasks>)
    ("tasks"   UNDEF              <https://cancu.dev/meta#taskCount>)
  }
}
