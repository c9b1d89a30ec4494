"""Jinja's sandbox, bounded: coordinator text may not reach Python, other files, or our memory.

Jinja's ``SandboxedEnvironment`` stops attribute escapes but not work: nested
``range(99999)`` loops run for hours, ``'x' * 300000000`` takes a gigabyte,
``{{ 9 ** 99999 }}`` fails outside Jinja's error tree. Here every source is
parsed and checked before it is compiled (only output, ``if``, ``for``,
``set`` and ``with``; no other files), and what runs is bounded by plain
counts, not by a clock, so the same text is accepted at preview and at send:

- ``MAX_STEPS`` loop iterations, calls, filters and operators per render;
- ``MAX_VALUE`` characters (or items) for any value made while rendering and
  ``MAX_OUTPUT`` for the result; ``MAX_INT_BITS`` for numbers;
- ``range()`` of at most ``MAX_RANGE``; only a short list of filters, and
  of methods on text, lists and dicts.

Each limit is checked *before* an operation that multiplies (``*``, ``**``,
``replace``, ``join``) and after one that only adds, so no single step can
allocate more than a small multiple of ``MAX_VALUE``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from mailer.i18n import _
from mailer.render.errors import ContentRefused

MAX_RANGE = 100
MAX_STEPS = 10_000
MAX_VALUE = 256 * 1024
MAX_OUTPUT = 256 * 1024
MAX_INT_BITS = 256

_BOUNDED = "pleinpost.bounded"  # dotted: Jinja allows it, and no builtin filter is named so
_COUNTED = "pleinpost.counted"

# Statements a coordinator may use; the rest is named in the refusal.
_ALLOWED_STATEMENTS = (
    nodes.Output,
    nodes.If,
    nodes.For,
    nodes.Assign,
    nodes.With,
    nodes.Scope,
    nodes.ScopedEvalContextModifier,
    nodes.EvalContextModifier,
)
_OTHER_FILES = {
    nodes.Extends: "extends",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
}
_TAGS = {
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.Block: "block",
    nodes.AssignBlock: "set … endset",
    nodes.FilterBlock: "filter",
}

_SAFE_FILTERS = [
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "dictsort",
    "e",
    "escape",
    "first",
    "float",
    "int",
    "items",
    "last",
    "length",
    "list",
    "lower",
    "max",
    "min",
    "reverse",
    "round",
    "sort",
    "string",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "urlencode",
    "wordcount",
]
_METHODS: dict[type, frozenset[str]] = {
    str: frozenset(
        [
            "capitalize",
            "casefold",
            "count",
            "endswith",
            "find",
            "index",
            "isalnum",
            "isalpha",
            "isdigit",
            "islower",
            "isnumeric",
            "isspace",
            "istitle",
            "isupper",
            "lower",
            "lstrip",
            "partition",
            "removeprefix",
            "removesuffix",
            "rfind",
            "rindex",
            "rpartition",
            "rsplit",
            "rstrip",
            "split",
            "splitlines",
            "startswith",
            "strip",
            "swapcase",
            "title",
            "upper",
            "replace",
        ]
    ),
    dict: frozenset({"get", "items", "keys", "values"}),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
    LoopContext: frozenset({"cycle", "changed"}),
}


@dataclass
class _Budget:
    steps: int = MAX_STEPS

    def spend(self, count: int = 1) -> None:
        self.steps -= count
        if self.steps < 0:
            raise SecurityError(
                _("too much work (more than {limit} loop rounds and operations)").format(
                    limit=MAX_STEPS
                )
            )


_CURRENT: ContextVar[_Budget | None] = ContextVar("pleinpost_render_budget", default=None)


def _spend(count: int = 1) -> None:
    budget = _CURRENT.get()
    if budget is None:  # compiled code run outside render(): no budget, no work
        raise SecurityError(_("coordinator text renders only through render()"))
    budget.spend(count)


def _bounded(value: Any) -> Any:
    """Refuse a value too large to be text in a mail (checked after adding operations)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise SecurityError(_("numbers this large are not allowed"))
    if isinstance(value, str | list | tuple | dict) and len(value) > MAX_VALUE:
        raise SecurityError(
            _("text longer than {limit} characters is not allowed").format(limit=MAX_VALUE)
        )
    return value


def _refuse_size(estimate: int) -> None:
    if estimate > MAX_VALUE:
        raise SecurityError(
            _("text longer than {limit} characters is not allowed").format(limit=MAX_VALUE)
        )


def _check_product(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(times, int):
            _refuse_size(len(seq) * times)
    both_ints = isinstance(left, int) and isinstance(right, int)
    if both_ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise SecurityError(_("numbers this large are not allowed"))


def _check_power(base: Any, exponent: Any) -> None:
    grows = isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1
    if grows and exponent > 0 and exponent * base.bit_length() > MAX_INT_BITS:
        raise SecurityError(_("numbers this large are not allowed"))


def _check_replace(text: Any, old: Any, new: Any) -> None:
    text, old, new = str(text), str(old), str(new)
    _refuse_size(len(text) + text.count(old) * max(0, len(new) - len(old)))


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(_("range() may count to at most {limit}").format(limit=MAX_RANGE))
    return numbers


def _counted(iterable: Iterable[Any]) -> list[Any]:
    """What a ``for`` loop runs over: every round is paid for before the loop starts."""
    budget = _CURRENT.get()
    room = budget.steps if budget is not None else 0
    items = list(itertools.islice(iter(iterable), room + 1))
    _spend(len(items))
    return items


def _join(value: Iterable[Any], d: str = "") -> str:
    parts = [str(item) for item in itertools.islice(iter(value), MAX_VALUE + 1)]
    _refuse_size(sum(map(len, parts)) + len(str(d)) * len(parts))
    return str(d).join(parts)


def _filter(func: Callable[..., Any], check: Callable[..., None] | None = None) -> Any:
    """A builtin filter that pays a step, may be refused before, and is bounded after."""

    @functools.wraps(func)  # keeps Jinja's pass_eval_context / pass_environment mark
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _spend()
        if check is not None:
            check(*_without_pass_arg(func, args), **kwargs)
        return _bounded(func(*args, **kwargs))

    return bounded


def _without_pass_arg(func: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, ...]:
    return args[1:] if getattr(func, "jinja_pass_arg", None) is not None else args


def _filters() -> dict[str, Any]:
    table = {name: _filter(FILTERS[name]) for name in _SAFE_FILTERS}
    table["replace"] = _filter(FILTERS["replace"], _check_replace_filter)
    table["join"] = _filter(_join)
    table[_BOUNDED] = _bounded
    table[_COUNTED] = _counted
    return table


def _check_replace_filter(text: Any, old: Any, new: Any, count: Any = None) -> None:
    _check_replace(text, old, new)


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox with the limits above; one instance is shared (it keeps no state)."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "-", "/", "//"})

    def __init__(self) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=False)
        self.filters = _filters()
        self.globals.clear()
        self.globals["range"] = _range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _spend()
        if operator == "%" and isinstance(left, str):
            raise SecurityError(_("the % operator on text is not available"))
        if operator == "*":
            _check_product(left, right)
        if operator == "**":
            _check_power(left, right)
        return _bounded(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _spend()
        if isinstance(__obj, jinja2.Undefined):
            return __context.call(__obj, *args, **kwargs)  # "unknown placeholder"
        if __obj is not _range and not _allowed_method(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise SecurityError(_("calling {name}() is not allowed").format(name=name))
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") == "replace":
            _check_replace(owner, *args[:2])
        return _bounded(__context.call(__obj, *args, **kwargs))


def _allowed_method(obj: Any) -> bool:
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    return any(isinstance(owner, kind) and name in methods for kind, methods in _METHODS.items())


@cache
def environment() -> BoundedSandbox:
    return BoundedSandbox()


def parse(source: str) -> nodes.Template:
    """The checked syntax tree; refuses other files and tags beyond output, if, for, set, with."""
    tree = environment().parse(source)
    for node in tree.find_all(nodes.Stmt):
        _check_statement(node)
    return tree


def _check_statement(node: nodes.Stmt) -> None:
    kind = type(node)
    if kind in _OTHER_FILES:
        raise ContentRefused(
            _(
                "line {line}: {{% {tag} %}} is not allowed: coordinator text cannot use "
                "other templates or files"
            ).format(line=node.lineno, tag=_OTHER_FILES[kind])
        )
    if isinstance(node, nodes.For) and node.recursive:
        raise ContentRefused(
            _("line {line}: recursive loops are not available").format(line=node.lineno)
        )
    if not isinstance(node, _ALLOWED_STATEMENTS):
        tag = _TAGS.get(kind, kind.__name__.lower())
        raise ContentRefused(
            _(
                "line {line}: {{% {tag} %}} is not available in coordinator text; "
                "use placeholders, if, for and set"
            ).format(line=node.lineno, tag=tag)
        )


def compile_source(source: str) -> jinja2.Template:
    """Parse, check, and compile with every loop counted and every ``~`` bounded."""
    tree = _Limits().visit(parse(source))
    return environment().from_string(tree)


class _Limits(NodeTransformer):
    """``for x in y`` becomes ``for x in y|pleinpost.counted``, ``a ~ b`` is bounded."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _COUNTED, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, _BOUNDED, [], [], None, None, lineno=node.lineno)


def render(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """Render under a fresh budget; the output stops at ``MAX_OUTPUT`` characters."""
    token = _CURRENT.set(_Budget())
    try:
        return _collect(template.generate(context))
    finally:
        _CURRENT.reset(token)


def _collect(chunks: Iterator[str]) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(
                _("the result is longer than {limit} characters").format(limit=MAX_OUTPUT)
            )
        out.append(chunk)
    return "".join(out)
