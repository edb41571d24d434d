"""People's files of one record per line (`corpus/aliases.jsonl`, `corpus/reviews.jsonl`), read
and validated the same way: a bad line is reported with its file and line number, in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from archive.errors import ArchiveError

M = TypeVar("M", bound=BaseModel)


def read_jsonl(path: Path, model: type[M], what: str) -> list[M]:
    """Every non-blank line of `path` as a `model`; a missing file is empty."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{path}: cannot read {what} ({exc})") from None
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(model.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ArchiveError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "entry"
            raise ArchiveError(f"{path}:{number}: {where}: {first['msg']}") from None
    return records
