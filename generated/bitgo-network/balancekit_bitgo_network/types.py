"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# balancekit: how an object is matched to one branch of a union of object schemas. The response checker
# (balancekit.schema) calls this same function, so the branch that is checked is the branch that is parsed.
_EMPTY: tuple[object, ...] = (None, [], {})


def choose_branch(
    data: Mapping[str, object], own: tuple[tuple[str, ...], ...], required: tuple[tuple[str, ...], ...]
) -> int:
    """The index of the union branch `data` is read as, or -1 when its shape is ambiguous.

    `own[i]` are the keys only branch i knows, `required[i]` its required keys. The branch whose own keys carry
    data (anything but null, [] or {}) is the one; two such branches are a mix of shapes (-1). When no own key
    carries data, the one branch whose required keys are all present and not null (none or several: -1).
    """
    found = -1
    for i, keys in enumerate(own):  # plain loops: this runs once per object of such a union
        for k in keys:
            if data.get(k, None) not in _EMPTY:
                if found >= 0:
                    return -1
                found = i
                break
    if found >= 0:
        return found
    for i, keys in enumerate(required):
        for k in keys:
            if data.get(k, None) is None:
                break
        else:
            if found >= 0:
                return -1
            found = i
    return found


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "choose_branch"]
