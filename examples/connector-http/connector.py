#!/usr/bin/env python3
"""A SCIM provisioning connector in Python (standard library only) for the sso-harness bridge.

The harness POSTs one JSON event per directory change to this server (protocol
sso-harness-connector/1: harness/idp/bridge/connector-bridge.schema.json). The connector makes
the SCIM calls itself, to the event's app.scim.baseUrl with its token, and answers
{"ok": true, "link": ...} or {"ok": false, "error": "..."} once it is done.

Everything a provisioning connector owns is here, top to bottom: the attribute mapping, the
SCIM transport (retries of 429 and 5xx honouring Retry-After, a token refresh after a 401), and
one handler per event. Each event runs on its own thread with its own state, so the events the
harness sends at once (up to 8, for different apps) share nothing mutable.

    python3 connector.py --port 8377
    node dist/harness/cli/bin.js run --connector-url http://127.0.0.1:8377/events

--broken NAME turns on one deliberate bug (BROKEN_VARIANTS) to show which checks catch it.
"""
import argparse
import email.utils
import http.client
import json
import re
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROTOCOL = "sso-harness-connector/1"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SCIM_JSON = "application/scim+json"

# How hard the connector tries (IDP-IDM-12): 1 s, 2 s, 4 s, 8 s between five attempts. The
# harness asks for a first backoff of at least 100 ms, each wait at least 1.25x the one before,
# and at most 10 attempts per request.
MAX_ATTEMPTS = 5
FIRST_BACKOFF_S = 1.0
BACKOFF_FACTOR = 2
LONGEST_WAIT_S = 30  # a Retry-After asking for longer is reported as a failure instead
CREATE_ATTEMPTS = 3  # creates sent in all while the SP keeps failing them with a 5xx
REQUEST_TIMEOUT_S = 20
RETRYABLE_5XX = {500, 502, 503, 504}  # 501 and 505 never heal

BROKEN_VARIANTS = {
    "no-lookup": "creates without looking the user up first, and re-POSTs a failed create blindly",
    "string-booleans": 'sends a user\'s active as the string "true" / "false", not a JSON Boolean',
    "replace-members": "sets group membership with one PATCH replace of the whole list",
    "no-retry-after": "ignores Retry-After and waits by its own backoff figures only",
    "no-refresh": "never refreshes the token after a 401, even when the event has a refreshUrl",
}
BROKEN = set()  # filled from --broken before the server starts, read-only afterwards


class ConnectorError(Exception):
    """A failure the answer reports as {"ok": false, "error": message}."""


class TransportError(ConnectorError):
    """The SP could not be reached, or gave no answer in time."""


# --- The attribute mapping (mirrors harness/idp/mapping.ts) ------------------------------------
# A row's `scim` is an attribute (userName), a sub-attribute (name.givenName), a value path
# selecting a multi-valued element by type (emails[type eq "work"].value), or an extension
# attribute qualified by its schema URN (urn:ietf:params:scim:schemas:extension:...:User:department).

NAME = r"[A-Za-z$][\w$-]*"
VALUE_PATH = re.compile(rf'^(?P<attr>{NAME})\[type eq "(?P<type>[^"]+)"\]\.(?P<sub>{NAME})$', re.ASCII)
URN_PATH = re.compile(rf"^(?P<urn>urn:\S+):(?P<attr>{NAME})(?:\.(?P<sub>{NAME}))?$", re.ASCII)
MISSING = object()  # a value the directory does not hold (a constant null, by contrast, is sent)


def source_value(user, source, scim):
    """The directory value a row's source names: a property, a constant, or the derived active."""
    if "constant" in source:
        return source["constant"]
    if "derived" in source:  # active: true unless suspended or the password expired (SF-08)
        return not user["suspended"] and not user["passwordExpired"]
    value_path = VALUE_PATH.match(scim)
    wanted = value_path["type"] if value_path else "work"
    if source.get("from") == "address":
        address = next((a for a in user.get("addresses", []) if a.get("type") == wanted), {})
        return address.get(source["property"], MISSING)
    if source.get("from") == "phone":
        phone = next((p for p in user.get("phoneNumbers", []) if p.get("type") == wanted), {})
        return phone.get("number", MISSING)
    return user.get(source["property"], MISSING)


def set_mapped(resource, scim, value):
    """Sets one mapped value in the SCIM resource, creating the containers its path needs."""
    urn = URN_PATH.match(scim)
    if urn:
        extension = resource.setdefault(urn["urn"], {})
        if urn["sub"]:
            extension.setdefault(urn["attr"], {})[urn["sub"]] = value
        else:
            extension[urn["attr"]] = value
        return
    value_path = VALUE_PATH.match(scim)
    if value_path:
        elements = resource.setdefault(value_path["attr"], [])
        element = next((e for e in elements if e["type"] == value_path["type"]), None)
        if element is None:
            element = {"type": value_path["type"], "primary": not elements}
            elements.append(element)
        element[value_path["sub"]] = value
        return
    attr, _, sub = scim.partition(".")
    if sub:
        resource.setdefault(attr, {})[sub] = value
    else:
        resource[attr] = value


def map_user(user, app, for_create):
    """The SCIM User a directory user maps to (IDP-IDM-04, IDP-IDM-09).

    Values the directory lacks (or holds empty) are left out; excluded rows are never sent;
    createOnly rows only in a create. An extension in use is listed in `schemas`.
    """
    resource = {"schemas": [USER_SCHEMA]}
    for row in app["mappings"]:
        if row["scim"] in app["excluded"] or (row.get("createOnly") and not for_create):
            continue
        value = source_value(user, row["source"], row["scim"])
        if value is not MISSING and value != "":
            set_mapped(resource, row["scim"], value)
    resource["schemas"] += [key for key in resource if key.startswith("urn:")]
    return resource


def wire_boolean(value):
    """active as sent: a JSON Boolean (RFC 7643 §2.3.2); the string-booleans variant sends text."""
    if "string-booleans" in BROKEN and isinstance(value, bool):
        return str(value).lower()
    return value


def get_ci(obj, name):
    """obj[name], attribute names compared case-insensitively (RFC 7643 §2.1); else MISSING."""
    if name in obj:
        return obj[name]
    return next((v for k, v in obj.items() if k.lower() == name.lower()), MISSING)


def holds(actual, wanted):
    """Whether the SP's value already holds every value we would send (elements in any order)."""
    if isinstance(wanted, list):
        return isinstance(actual, list) and all(any(holds(a, w) for a in actual) for w in wanted)
    if isinstance(wanted, dict):
        return isinstance(actual, dict) and all(holds(get_ci(actual, k), v) for k, v in wanted.items())
    return type(actual) is type(wanted) and actual == wanted  # "true" never holds True


def changed_since(last_sent, resource):
    """The attributes whose value differs from what was sent last time (schemas aside)."""
    def canonical(value):
        return json.dumps(value, sort_keys=True)

    return [key for key in resource if key != "schemas" and
            (key not in last_sent or canonical(last_sent[key]) != canonical(resource[key]))]


def replace_ops(resource, keys):
    """One replace per attribute (IDP-IDM-13); each attribute of an extension gets its URN path."""
    ops = []
    for key in keys:
        value = resource[key]
        if key.startswith("urn:") and isinstance(value, dict):
            ops += [{"op": "replace", "path": f"{key}:{attr}", "value": v} for attr, v in value.items()]
        else:
            ops.append({"op": "replace", "path": key, "value": value})
    return ops


def patch_body(ops):
    return {"schemas": [PATCH_SCHEMA], "Operations": ops}


def member_values(ids):
    return [{"value": member} for member in ids]


# --- The SCIM transport ----------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, raw):
        self.status, self.headers = status, headers
        try:
            self.body = json.loads(raw) if raw else None
        except ValueError:
            self.body = None

    def detail(self):
        """The SP's error detail (RFC 7644 §3.12): it often says what the admin must fix."""
        detail = self.body.get("detail") if isinstance(self.body, dict) else None
        return f": {detail}" if isinstance(detail, str) else ""

    def resources(self):
        """The resources of a ListResponse (RFC 7644 §3.4.2) that have an id."""
        listed = self.body.get("Resources") if isinstance(self.body, dict) else None
        return [r for r in listed or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]


def backoff_s(attempt):
    """The connector's own wait after the given failed attempt (1, 2, ...): 1 s, 2 s, 4 s, ..."""
    return FIRST_BACKOFF_S * BACKOFF_FACTOR ** (attempt - 1)


def retry_after_s(header):
    """The wait a Retry-After asks for, in seconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    value = (header or "").strip()
    if value.isascii() and value.isdigit():
        return int(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None  # absent or unreadable: back off by our own figures


class Scim:
    """One event's SCIM session: the base URL, the token, the Insights events to report."""

    def __init__(self, app):
        self.base_url = app["scim"]["baseUrl"]
        self.refresh_url = app["scim"].get("refreshUrl")
        self._token = app["scim"]["token"]  # a secret: it goes in the Authorization header only
        self._secrets = [self._token]
        self.events = []

    def log(self, event_type, outcome, detail):
        self.events.append({"event_type": event_type, "outcome": outcome, "detail": detail})

    def scrub(self, text):
        """text with every token this session held masked, in case an SP echoed one."""
        for secret in filter(None, self._secrets):
            text = text.replace(secret, "[token]")
        return text

    def request(self, method, path, body=None, query=None):
        """Sends a request, retrying 429 and 5xx answers (IDP-IDM-12); returns the last answer.

        A create (POST) is sent again only after a 429, which says the SP did not process it:
        after a 5xx or a lost connection the SP may have stored the user, so the caller looks
        it up before creating again (create_user).
        """
        resendable = method != "POST" or "no-lookup" in BROKEN
        for attempt in range(1, MAX_ATTEMPTS + 1):
            backoff = backoff_s(attempt)
            try:
                response = self._send(method, path, body, query)
            except TransportError:
                if not resendable or attempt == MAX_ATTEMPTS:
                    raise
                time.sleep(backoff)
                continue
            retryable = response.status == 429 or (response.status in RETRYABLE_5XX and resendable)
            if not retryable or attempt == MAX_ATTEMPTS:
                return response
            asked = None if "no-retry-after" in BROKEN else retry_after_s(response.headers["Retry-After"])
            wait = backoff if asked is None else asked
            if wait > LONGEST_WAIT_S:
                return response
            time.sleep(wait)

    def _send(self, method, path, body, query):
        """One exchange; after a 401, a fresh token from refreshUrl (an OAuth grant, SF-01) and once more."""
        response = self._exchange(method, path, body, query)
        if response.status == 401 and self.refresh_url and "no-refresh" not in BROKEN and self._refresh():
            response = self._exchange(method, path, body, query)
        return response

    def _refresh(self):
        """POSTs to refreshUrl, which answers {"token": "<new access token>"}; False when it cannot."""
        try:
            refresh = urllib.request.Request(self.refresh_url, method="POST")
            with urllib.request.urlopen(refresh, timeout=REQUEST_TIMEOUT_S) as answer:
                self._token = json.loads(answer.read())["token"]
        except (OSError, ValueError, KeyError, TypeError, http.client.HTTPException):
            return False  # the 401 stands, and says what is wrong
        self._secrets.append(self._token)
        return True

    def _exchange(self, method, path, body, query):
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        headers = {"Accept": SCIM_JSON, "Authorization": f"Bearer {self._token}"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = SCIM_JSON
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as answer:
                return Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:  # a status >= 400 is an answer, not a failure
            with error:
                return Response(error.code, error.headers, error.read())
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise TransportError(f"{method} {path} failed: {getattr(error, 'reason', error)}") from None


def expect(response, what, *statuses):
    """response, unless its status is not one of statuses: then the SP's reason as an error."""
    if response.status not in statuses:
        raise ConnectorError(f"{what} answered {response.status}{response.detail()}")
    return response


def id_of(response, what):
    resource_id = response.body.get("id") if isinstance(response.body, dict) else None
    if not isinstance(resource_id, str) or not resource_id:
        raise ConnectorError(f"{what} answered without a resource id")
    return resource_id


def eq_filter(attribute, value):
    """attribute eq "value", the value quoted as a JSON string (RFC 7644 §3.4.2.2)."""
    return {"filter": f"{attribute} eq {json.dumps(value, ensure_ascii=False)}"}


def find_user(scim, user_name):
    """The SP user whose userName is user_name (IDP-IDM-03, IDP-IDM-13: userName eq), or None."""
    found = expect(scim.request("GET", "/Users", query=eq_filter("userName", user_name)),
                   f"Looking up {user_name}", 200)
    return next(iter(found.resources()), None)


# --- The events --------------------------------------------------------------------------------


def test_connection(scim, event):
    """Creates a test user (and group) and removes it again (IDP-IDM-01)."""
    suffix = uuid.uuid4().hex[:10]
    user_name = f"connector.test.{suffix}@example.com"
    created = scim.request("POST", "/Users", {
        "schemas": [USER_SCHEMA], "userName": user_name, "active": True,
        "name": {"givenName": "Connector", "familyName": "Test"},
        "emails": [{"value": user_name, "type": "work", "primary": True}],
    })
    user_id = id_of(expect(created, "Creating the test user", 201), "Creating the test user")
    if event["options"]["groups"]:
        group = scim.request("POST", "/Groups", {
            "schemas": [GROUP_SCHEMA], "displayName": f"Connector Test {suffix}",
            "members": member_values([user_id]),
        })
        group_id = id_of(expect(group, "Creating the test group", 201), "Creating the test group")
        expect(scim.request("DELETE", f"/Groups/{group_id}"), "Deleting the test group", 200, 204)
    if event["options"]["deleteUsers"]:
        expect(scim.request("DELETE", f"/Users/{user_id}"), "Deleting the test user", 200, 204)
    else:  # an SP without DELETE: the test user is deactivated instead
        deactivate = patch_body([{"op": "replace", "path": "active", "value": False}])
        expect(scim.request("PATCH", f"/Users/{user_id}", deactivate),
               "Deactivating the test user", 200, 204)


def provision_user(scim, event):
    """Makes the user exist, active, with its mapped attributes; answers the link for next time."""
    user, link = event["user"], event["link"]
    sp_id = link.get("spId")
    resource = {"active": True, **map_user(user, event["app"], for_create=sp_id is None)}
    resource["active"] = wire_boolean(resource["active"])
    if sp_id is not None:
        # Linked: one replace per attribute changed since lastSent. A row no longer sent (create-
        # only, excluded) is left as it is in the SP: a replace always carries a value.
        changed = changed_since(link.get("lastSent", {}), resource)
        if changed:
            update_user(scim, user, sp_id, replace_ops(resource, changed))
        return {"spId": sp_id, "lastSent": resource}
    # IDP-IDM-03: look the user up before creating it, and take an existing one over.
    existing = None if "no-lookup" in BROKEN else find_user(scim, resource["userName"])
    if existing is None:
        return {"spId": create_user(scim, resource), "lastSent": resource}
    differing = [key for key in resource
                 if key != "schemas" and not holds(get_ci(existing, key), resource[key])]
    if differing:
        update_user(scim, user, existing["id"], replace_ops(resource, differing))
    else:
        scim.log("user_update_provision", "success", f"took over {existing['id']}, already up to date")
    return {"spId": existing["id"], "lastSent": resource}


def create_user(scim, resource):
    """POST /Users. After a 5xx or a lost connection the SP may have stored the user all the
    same, so it is looked up before the create is sent again: a retry never duplicates (IDP-IDM-12)."""
    user_name = resource["userName"]
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        asked = None  # the wait a 503 asked for (Retry-After)
        try:
            created = scim.request("POST", "/Users", resource)
            if created.status < 500:
                return id_of(expect(created, f"Creating {user_name}", 201), f"Creating {user_name}")
            outcome = f"POST /Users answered {created.status}"
            if "no-retry-after" not in BROKEN:
                asked = retry_after_s(created.headers["Retry-After"])
        except TransportError as error:
            outcome = str(error)
        if "no-lookup" in BROKEN:
            break  # the transport has re-POSTed it already, blindly
        wait = max(backoff_s(attempt), asked or 0)
        if wait > LONGEST_WAIT_S:
            break
        time.sleep(wait)
        stored = find_user(scim, user_name)
        if stored is not None:
            return stored["id"]
    raise ConnectorError(f"Creating {user_name} failed ({outcome}); it is tried again on the next change")


def update_user(scim, user, sp_id, ops):
    response = expect(scim.request("PATCH", f"/Users/{sp_id}", patch_body(ops)),
                      f"Updating {user['username']}", 200, 204)
    paths = ", ".join(op["path"] for op in ops)
    scim.log("user_update_provision", "success", f"PATCH {paths} answered {response.status}")


def deprovision_user(scim, event):
    """Deactivation is a PATCH replace of active with false (IDP-IDM-05), never a delete."""
    body = patch_body([{"op": "replace", "path": "active", "value": wire_boolean(False)}])
    expect(scim.request("PATCH", f"/Users/{event['spId']}", body),
           f"Deactivating {event['user']['username']}", 200, 204)


def delete_user(scim, event):
    """DELETE; a user already gone (404) counts as deleted."""
    expect(scim.request("DELETE", f"/Users/{event['spId']}"),
           f"Deleting {event['user']['username']}", 200, 204, 404)


# IDP-IDM-14: at most this many members a request, so a large group never passes an SP's body
# limit (about 21,000 member references fill 1 MiB). Okta's documented default, and the most AWS
# IAM Identity Center takes in one request.
MEMBERS_PER_REQUEST = 100


def runs(ids):
    """`ids` in runs of at most MEMBERS_PER_REQUEST; none when empty."""
    return [ids[i:i + MEMBERS_PER_REQUEST] for i in range(0, len(ids), MEMBERS_PER_REQUEST)]


def member_op(op, ids):
    return {"op": op, "path": "members", "value": member_values(ids)}


def packed(ops):
    """Member operations packed into requests naming at most MEMBERS_PER_REQUEST members in all."""
    requests, taken = [], 0
    for op in ops:
        if not requests or taken + len(op["value"]) > MEMBERS_PER_REQUEST:
            requests.append([])
            taken = 0
        requests[-1].append(op)
        taken += len(op["value"])
    return requests


def sync_group(scim, event):
    """Makes the group exist with exactly these members, taking over one of the same name (IDP-IDM-07)."""
    name, members, link = event["group"]["name"], event["members"], event["groupLink"]
    sp_id = link.get("spId")
    if sp_id is None:
        # A lookup the SP cannot answer counts as "none": the create then says what is wrong.
        found = scim.request("GET", "/Groups", query=eq_filter("displayName", name))
        existing = found.resources() if found.status == 200 else []
        if not existing:
            first, *rest = runs(members) or [[]]
            created = scim.request("POST", "/Groups", {
                "schemas": [GROUP_SCHEMA], "displayName": name, "members": member_values(first),
            })
            what = f"Creating group {name}"
            sp_id = id_of(expect(created, what, 201), what)
            # The members one request could not carry follow as adds (IDP-IDM-14).
            for run in rest:
                expect(scim.request("PATCH", f"/Groups/{sp_id}", patch_body([member_op("add", run)])),
                       f"Adding members to group {name}", 200, 204)
            return {"spId": sp_id, "lastMembers": members}
        sp_id = existing[0]["id"]
    rename = {"op": "replace", "path": "displayName", "value": name}
    if "replace-members" in BROKEN:
        requests = [[rename, {"op": "replace", "path": "members", "value": member_values(members)}]]
    else:
        # A diff: the full current list added (an SP ignores members it has), the ones gone removed,
        # in requests of at most MEMBERS_PER_REQUEST members, the name in the first.
        removed = [member for member in link.get("lastMembers", []) if member not in members]
        requests = packed([member_op("add", run) for run in runs(members)]
                          + [member_op("remove", run) for run in runs(removed)]) or [[]]
        requests[0] = [rename] + requests[0]
    for ops in requests:
        response = expect(scim.request("PATCH", f"/Groups/{sp_id}", patch_body(ops)),
                          f"Updating group {name}", 200, 204)
    # Said explicitly: for a group not linked yet the harness's default event would be a create.
    scim.log("group_update_provision", "success", f"PATCH answered {response.status}")
    return {"spId": sp_id, "lastMembers": members}


def delete_group(scim, event):
    expect(scim.request("DELETE", f"/Groups/{event['spId']}"),
           f"Deleting group {event['group']['name']}", 200, 204, 404)


HANDLERS = {
    "connection.test": test_connection,
    "user.provision": provision_user,
    "user.deprovision": deprovision_user,
    "user.delete": delete_user,
    "group.sync": sync_group,
    "group.delete": delete_group,
}


def answer(event):
    """The answer to one event: ok (with the link) or the error, and the Insights events, if any.

    Without events of its own the harness records one success or failure event per answer.
    """
    if not isinstance(event, dict) or event.get("protocol") != PROTOCOL:
        return {"ok": False, "error": f"expected an event of protocol {PROTOCOL}"}
    if event.get("event") not in HANDLERS:
        return {"ok": False, "error": f"unknown event {event.get('event')!r}"}
    scim = Scim(event["app"])
    try:
        link = HANDLERS[event["event"]](scim, event)
        result = {"ok": True} if link is None else {"ok": True, "link": link}
    except ConnectorError as error:
        result = {"ok": False, "error": scim.scrub(str(error))}
    except Exception as error:  # a bug in here: say so rather than leave the harness waiting
        traceback.print_exc()
        result = {"ok": False, "error": scim.scrub(f"connector bug: {type(error).__name__}: {error}")}
    return {**result, "events": scim.events} if scim.events else result


class EventHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/events":
            return self._reply(404, {"ok": False, "error": "POST events to /events"})
        try:
            event = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        except ValueError:
            return self._reply(400, {"ok": False, "error": "the event is not JSON"})
        result = answer(event)
        # One line per event, never the token: the id, the event, the app and the outcome.
        about = event if isinstance(event, dict) else {}
        app = (about.get("app") or {}).get("name")
        outcome = "ok" if result["ok"] else result["error"]
        print(f"{about.get('id')} {about.get('event')} {app}: {outcome}", file=sys.stderr, flush=True)
        self._reply(200, result)

    def do_GET(self):  # the harness checks that something listens before a run; any answer will do
        self._reply(405, {"ok": False, "error": f"POST {PROTOCOL} events here"}, {"Allow": "POST"})

    def _reply(self, status, body, headers=None):
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            for key, value in {"Content-Type": "application/json", **(headers or {})}.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the harness stopped waiting for this event (--connector-timeout)

    def log_message(self, format, *args):
        pass  # do_POST prints one line per event instead of one per request


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8377, help="0 picks a free port (printed)")
    parser.add_argument("--broken", action="append", default=[], choices=sorted(BROKEN_VARIANTS),
                        metavar="NAME", help="turn on a deliberate bug: " +
                        "; ".join(f"{name}: {what}" for name, what in BROKEN_VARIANTS.items()))
    args = parser.parse_args()
    BROKEN.update(args.broken)
    server = ThreadingHTTPServer((args.host, args.port), EventHandler)
    host, port = server.server_address[:2]
    broken = f" (broken: {', '.join(sorted(BROKEN))})" if BROKEN else ""
    print(f"listening on http://{host}:{port}/events{broken}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
