"""Every analysis endpoint of the real server, over HTTP: shapes, statuses and error bodies."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.enable_socket

SUICIDAL = "I want to die, I can't see any reason to keep living."
CALM = "Had a lovely walk by the river with my sister this morning."
TASKS = {"depression", "suicidal_ideation", "mental_disorder", "interpersonal_risk"}
ENDPOINTS = {("get", "/api/health"), ("get", "/api/tasks"), ("get", "/api/models"), ("post", "/api/analyze"),
             ("post", "/api/analyze/batch"), ("post", "/api/explain"), ("post", "/api/upload"),
             ("get", "/api/subjects"), ("post", "/api/subjects/{subject}/posts"),
             ("get", "/api/subjects/{subject}/timeline"), ("delete", "/api/subjects/{subject}"),
             ("get", "/api/export")}


def error_of(r) -> str:
    body = r.json()
    assert set(body) == {"error", "hint"} and isinstance(body["error"], str) and body["error"]
    return body["error"]


def test_health_names_the_model_and_says_auth_is_off(api):
    r = api.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["models"] == ["lens-test"] and body["auth"] is False
    assert body["store"] is True and body["limits"] == {"max_body": 1024 * 1024, "max_batch": 256}


def test_tasks_and_models(api):
    tasks = api.get("/api/tasks").json()
    assert {t["id"] for t in tasks} == TASKS
    dep = next(t for t in tasks if t["id"] == "depression")
    assert dep["kind"] == "binary" and [lab["id"] for lab in dep["labels"]] == ["no", "yes"]
    assert {"title", "description", "languages", "titles"} <= set(dep)
    models = api.get("/api/models").json()
    assert models["loaded"]["name"] == "lens-test" and set(models["loaded"]["tasks"]) == TASKS
    assert "lens-en" in models["builtin"]


def test_analyze_returns_a_result(api):
    r = api.post("/api/analyze", json={"text": SUICIDAL, "locale": "en_US"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    result = r.json()
    assert set(result["tasks"]) == TASKS and result["tasks"]["suicidal_ideation"]["label"] == "yes"
    assert result["triage"]["level"] in ("high", "imminent")
    assert "988" in json.dumps(result["triage"]["resources"])
    for ev in result["tasks"]["suicidal_ideation"]["evidence"]:
        assert SUICIDAL[ev["start"]:ev["end"]] == ev["text"]


def test_analyze_some_tasks_with_rationales(api):
    r = api.post("/api/analyze", json={"text": SUICIDAL, "tasks": ["depression"], "explain": True})
    assert r.status_code == 200
    tasks = r.json()["tasks"]
    assert list(tasks) == ["depression"] and tasks["depression"]["rationale"]


def test_batch_keeps_order_and_ids(api):
    posts = [{"text": CALM, "id": "a"}, {"text": SUICIDAL}, {"text": ""}]
    r = api.post("/api/analyze/batch", json={"posts": posts, "tasks": ["suicidal_ideation"]})
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["id"] for x in results] == ["a", "2", "3"]
    assert results[1]["tasks"]["suicidal_ideation"]["label"] == "yes" and results[2]["warnings"]
    assert api.post("/api/analyze/batch", json={"posts": []}).json() == {"results": []}


def test_explain_adds_plain_language(api):
    r = api.post("/api/explain", json={"text": SUICIDAL, "locale": "en_GB"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"result", "explanation"}
    assert body["result"]["tasks"]["depression"]["rationale"]
    text = body["explanation"]
    assert "suicidal_ideation" in text and "not a diagnosis" in text and "116 123" in text


def test_explain_in_chinese(api):
    r = api.post("/api/explain", json={"text": SUICIDAL, "locale": "zh_TW"})
    assert r.status_code == 200 and "1925" in r.json()["explanation"]


def test_upload_reads_csv_with_times_and_jsonl(api):
    csv = "id,text,created_at\np1,\"hello, world\",2024-05-01T09:30:00Z\np2,bye,1714555800\n"
    r = api.post("/api/upload?format=csv", content=csv.encode())
    assert r.status_code == 200
    assert r.json() == {"posts": [{"id": "p1", "text": "hello, world", "posted_at": "2024-05-01T09:30:00Z"},
                                  {"id": "p2", "text": "bye", "posted_at": "2024-05-01T09:30:00Z"}],
                        "warnings": []}
    lines = "\n".join(json.dumps(x) for x in [{"id": "x", "body": "one", "date": "2024-01-02"}, {"body": "two"}])
    r = api.post("/api/upload?text_column=body", content=lines.encode(),
                 headers={"content-type": "application/x-ndjson"})
    assert [(p["id"], p["text"], p["posted_at"]) for p in r.json()["posts"]] == [("x", "one", "2024-01-02"),
                                                                                ("2", "two", None)]
    r = api.post("/api/upload", content=b"first post\nsecond\n", headers={"content-type": "text/plain"})
    assert [p["text"] for p in r.json()["posts"]] == ["first post", "second"]


def test_upload_errors_are_clear(api):
    r = api.post("/api/upload", content=b"a,b\n", headers={"content-type": "application/octet-stream"})
    assert r.status_code == 415 and "format" in error_of(r)
    r = api.post("/api/upload?format=csv", content=b"a,body\n1,2\n")
    assert r.status_code == 422 and "no column 'text'" in error_of(r)
    hint = r.json()["hint"]                      # the API's query parameter, not the CLI's option
    assert "?text_column=body" in hint and "--text-column" not in hint
    r = api.post("/api/upload?format=jsonl&id_column=uid", content=b'{"text": "x", "n": 1}\n')
    assert r.status_code == 422 and "no field 'uid'" in error_of(r)
    assert "?id_column=" in r.json()["hint"] and "--id-column" not in r.json()["hint"]
    r = api.post("/api/upload?format=xls", content=b"a")
    assert r.status_code == 422 and "unknown format" in error_of(r)
    r = api.post("/api/upload?format=csv", content=b"text\n\xff\xfe bad\n")
    assert r.status_code == 200 and "UTF-8" in r.json()["warnings"][0]


def test_unknown_task_is_422_listing_valid_tasks(api):
    r = api.post("/api/analyze", json={"text": CALM, "tasks": ["depresion"]})
    assert r.status_code == 422
    msg = error_of(r)
    assert "depresion" in msg and all(t in msg for t in TASKS) and "did you mean 'depression'" in msg


@pytest.mark.parametrize("body, status, words", [
    (b'{"text": "unterminated', 400, "not valid JSON: Unterminated string starting at (line 1, column 10)"),
    (b'{"text": 1,\n "tasks": [}', 400, "(line 2, column 12)"),
    (b'{"text": "caf\xe9"}', 400, "not valid UTF-8"),
    (b"", 400, "the body is empty"),
    (b'{"txt": "x"}', 422, "text: Field required; txt: Extra inputs are not permitted"),
    (b'{"text": "x", "lang": "fr"}', 422, "lang: Input should be 'auto', 'en' or 'zh'"),
    (b'["x"]', 422, "the request is not valid"),
])
def test_bad_bodies(api, body, status, words):
    r = api.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status and words in error_of(r)


def test_json_endpoints_want_json(api):
    r = api.post("/api/analyze", content=b'{"text": "x"}', headers={"content-type": "text/plain"})
    assert r.status_code == 415 and "application/json" in error_of(r)


def test_batch_over_the_limit_is_413(api):
    r = api.post("/api/analyze/batch", json={"posts": [{"text": "x"}] * 257})
    assert r.status_code == 413 and "at most 256" in error_of(r)


def test_unknown_paths_and_methods(api):
    r = api.get("/api/nothing")
    assert r.status_code == 404 and error_of(r)
    r = api.get("/api/analyze")
    assert r.status_code == 405 and error_of(r)
    assert api.get("/docs").status_code == 404 and api.get("/redoc").status_code == 404


def test_openapi_lists_every_endpoint(api):
    doc = api.get("/api/openapi.json").json()
    listed = {(method, path) for path, ops in doc["paths"].items() for method in ops}
    assert ENDPOINTS <= listed
    assert "AnalyzeRequest" in doc["components"]["schemas"] and "Result" in doc["components"]["schemas"]


def test_page_and_assets(api):
    r = api.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<html" in r.text.lower()
    for link in ("/static/app.js", "/static/strings.js", "/static/app.css"):
        r = api.get(link)
        if r.status_code == 404:            # the page's assets are written separately; those present must be typed
            continue
        kind = "text/css" if link.endswith(".css") else "text/javascript"
        assert r.status_code == 200 and r.headers["content-type"].startswith(kind)
    r = api.get("/static/nothing.js")
    assert r.status_code == 404 and error_of(r)
