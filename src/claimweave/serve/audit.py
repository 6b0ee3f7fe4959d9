"""The audit pages' rows: each decision as when, who, what, what changed, and the note.

Values are returned as plain strings; the templates escape them (autoescape), so a hostile note or
corrected name is shown as text."""

from __future__ import annotations

import json
from typing import Any

ACTIONS = {
    "claim.confirm": "confirmed", "claim.correct": "corrected", "claim.reject": "rejected",
    "incident.assess": "assessed", "incident.merge": "merged away", "incident.merged_in":
    "received a merge", "incident.split": "split", "incident.split_off": "split off",
    "incident.note": "note",
}


def _victims(v: list[dict[str, Any]]) -> str:
    from .queries import summary_of

    return summary_of(v) or "none"


def value_text(name: str, v: Any) -> str:
    """One field's value, readable: victims as a summary, a place by name and coordinates, a date
    as its range."""
    if v is None:
        return "—"
    if name == "victims" and isinstance(v, list):
        return _victims(v)
    if name == "place" and isinstance(v, dict):
        where = f" ({v['lat']}, {v['lon']})" if v.get("lat") is not None else ""
        return f"{v.get('name')}{where}"
    if name == "date" and isinstance(v, dict):
        start, end = v.get("start"), v.get("end")
        return f"{start}" if not end or end == start else f"{start} – {end}"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def changes(row: dict[str, Any]) -> list[str]:
    """What the decision changed, one line per field or fact."""
    before, after, action = row.get("before") or {}, row.get("after") or {}, row["action"]
    if action.startswith("claim."):
        out = [f"status: {before.get('status', 'machine')} → {after.get('status')}"]
        was, now = before.get("values") or {}, after.get("values") or {}
        for name in sorted(now):
            if was.get(name) != now[name]:
                out.append(f"{name}: {value_text(name, was.get(name))} → {value_text(name, now[name])}")
        return out
    if action == "incident.assess":
        line = f"grade: {before.get('grade') or 'the linker’s'} → {after.get('grade')}"
        return [line] + ([f"reasons: {'; '.join(after['reasons'])}"] if after.get("reasons") else [])
    if action == "incident.merge":
        return [f"its {len(before.get('claims') or [])} claims moved into incident {after.get('into')}"]
    if action == "incident.merged_in":
        return [f"{len(after.get('claims') or [])} claims moved in from incident {after.get('from')}"]
    if action == "incident.split":
        return [f"{len(after.get('claims') or [])} claims moved into new incident {after.get('new')}"]
    if action == "incident.split_off":
        return [f"{len(after.get('claims') or [])} claims came from incident {after.get('from')}"]
    if action == "incident.note":
        return []
    return [f"{k}: {value_text(k, v)}" for k, v in sorted(after.items())]


def view(row: dict[str, Any], refs: dict[str, str] | None = None) -> dict[str, Any]:
    """An audit row for the page: id, at, user, action (and its plain word), target, changes, note."""
    target = row["target_id"]
    if refs and target in refs:
        target = refs[target]
    return {"id": row["id"], "at": row["at"], "user": row["user"], "action": row["action"],
            "what": ACTIONS.get(row["action"], row["action"]), "target_type": row["target_type"],
            "target": target, "changes": changes(row), "note": row.get("note")}
