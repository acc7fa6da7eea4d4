from __future__ import annotations

from typing import List, Optional, Union

from pydantic import Field
from typing_extensions import Annotated, Literal

from ._models import BaseModel


class Owner(BaseModel):
    id: str
    kind: Literal["user", "team"]


class Item(BaseModel):
    id: str
    object_: Literal["item"] = Field(alias="object")
    name: str
    status: Literal["active", "archived"]
    tags: Optional[List[str]] = None
    owner: Optional[Owner] = None


class TextPart(BaseModel):
    type: Literal["text"]
    text: str


class ImagePart(BaseModel):
    type: Literal["image"]
    url: str
    width: Optional[int] = None


Part = Annotated[Union[TextPart, ImagePart], Field(discriminator="type")]


class Message(BaseModel):
    id: str
    parts: List[Part]


class Event(BaseModel):
    type: str
    index: int


class Thread(BaseModel):
    """Its field types are aliases defined below it, as generated modules often have."""

    id: str
    status: ThreadStatus
    history: List[ThreadStatus] = []


class ThreadActive(BaseModel):
    type: Literal["active"]


class ThreadLocked(BaseModel):
    type: Literal["locked"]
    reason: str


ThreadStatus = Annotated[Union[ThreadActive, ThreadLocked], Field(discriminator="type")]
