"""Comments: escaped, links made safe, spam held for moderation, author edit/delete, admin hide,
rate limits."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from storyline.queries.comments import render_comment, spam_score
from tests.web.conftest import csrf_of, register

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
]


def post(c, aid: int, body: str, path: str | None = None, **headers):
    token = csrf_of(c, path or f"/articles/{aid}")
    return c.post(
        "/comments",
        data={"target_type": "article", "target_id": aid, "body": body, "csrf_token": token},
        headers=headers,
        follow_redirects=False,
    )


def test_render_comment_escapes_and_links():
    html = render_comment('See https://example.org/a?b=1&c=2. <b>x</b> "q"\n\nnew para javascript:alert(1)')
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert not re.search(r"<a [^>]*href=\"javascript", html) and html.count("<p>") == 2
    assert "<a" not in render_comment('http://x.org/"><svg onload=alert(1)>').split("</a>", 1)[1]


def test_spam_score_reasons():
    clean, reasons = spam_score("Useful context on the talks.")
    assert clean == 0 and reasons == []
    spammy, reasons = spam_score("BUY NOW!!!!!!!!!! cheap pills http://a.example http://b.example casino")
    assert spammy >= 4 and any("spam words" in r for r in reasons) and any("link" in r for r in reasons)
    assert spam_score("ok", recent_posts=5)[0] > spam_score("ok", recent_posts=0)[0]


def test_comment_payloads_are_escaped(client, ids):
    register(client)
    for payload in PAYLOADS:
        assert post(client, ids["a1"], payload).status_code == 303
    html = client.get(f"/articles/{ids['a1']}").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg" not in html
    assert not re.search(r"<a [^>]*href=\"javascript", html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_comment_via_htmx_returns_list(client, ids):
    register(client)
    resp = post(client, ids["a1"], "Good summary http://example.org/x", **{"HX-Request": "true"})
    assert resp.status_code == 200 and "<html" not in resp.text
    assert 'rel="nofollow noopener"' in resp.text and "Good summary" in resp.text


def test_spam_goes_to_moderation_and_admin_approves(app, store, ids):
    with TestClient(app) as admin, TestClient(app) as user:
        register(admin, "admin")
        register(user, "spammer")
        post(user, ids["a2"], "casino free money click here http://a.example http://b.example")
        own = user.get(f"/articles/{ids['a2']}").text
        assert "awaiting moderation" in own  # the author sees it, held
        with TestClient(app) as anon:
            assert "casino" not in anon.get(f"/articles/{ids['a2']}").text
        queue = admin.get("/admin/moderation").text
        assert "casino" in queue and "spam words" in queue
        cid = store.comments_by_status("pending")[0]["id"]
        admin.post(f"/comments/{cid}/show", data={"csrf_token": csrf_of(admin, "/admin/moderation")})
        with TestClient(app) as anon:
            assert "casino" in anon.get(f"/articles/{ids['a2']}").text
        assert user.get("/admin/moderation").status_code == 403


def test_edit_delete_by_author_only_and_admin_hide(app, store, ids):
    with TestClient(app) as admin, TestClient(app) as author, TestClient(app) as other:
        register(admin, "admin")
        register(author, "author")
        register(other, "other")
        post(author, ids["a1"], "First version")
        cid = store.list_comments("article", ids["a1"])[0]["id"]
        token = csrf_of(other, f"/articles/{ids['a1']}")
        assert (
            other.post(f"/comments/{cid}/edit", data={"body": "hacked", "csrf_token": token}).status_code
            == 403
        )
        assert other.post(f"/comments/{cid}/delete", data={"csrf_token": token}).status_code == 403
        token = csrf_of(author, f"/articles/{ids['a1']}")
        author.post(f"/comments/{cid}/edit", data={"body": "Second version", "csrf_token": token})
        assert store.get_comment(cid)["body"] == "Second version" and store.get_comment(cid)["edited_at"]
        admin.post(f"/comments/{cid}/hide", data={"csrf_token": csrf_of(admin, "/")})
        assert store.get_comment(cid)["status"] == "hidden"
        assert "Second version" not in other.get(f"/articles/{ids['a1']}").text
        author.post(f"/comments/{cid}/delete", data={"csrf_token": token})
        assert store.get_comment(cid)["status"] == "deleted"


def test_comments_on_stories(client, ids):
    register(client)
    token = csrf_of(client, f"/stories/{ids['s1']}")
    client.post(
        "/comments",
        data={"target_type": "story", "target_id": ids["s1"], "body": "Story note", "csrf_token": token},
    )
    assert "Story note" in client.get(f"/stories/{ids['s1']}").text


def test_posting_is_rate_limited(client, ids):
    register(client)
    codes = [post(client, ids["a1"], f"comment number {i}").status_code for i in range(8)]
    assert codes[0] == 303 and codes[-1] == 429


def test_anonymous_cannot_comment(client, ids):
    assert post(client, ids["a1"], "hello", path="/login").status_code == 401
