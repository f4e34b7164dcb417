"""YAML files that checker reads (rulebooks, ``.checker.yaml``): bounded, linear, quiet.

* only a regular file of at most :data:`max_bytes` (4 MB unless
  ``--max-yaml-size`` raises it) is read — never a FIFO, a device or
  ``/dev/zero`` (see :mod:`checker.files`);
* anchors and aliases (``&name`` / ``*name``) may repeat a list or a value,
  but what they expand to is counted (once per node, in linear time) before
  anything walks it: a cycle, or more than twice the nodes written plus
  :data:`ALIAS_ALLOWANCE`, is refused — no "billion laughs", and loading and
  checking a file stay linear in its size;
* a syntax error is one line with the file's line number, in Chinese
  (:func:`checker.zh.yaml_problem`), and never quotes the file's content.

Errors are :class:`YamlProblem` (``line`` may be None); the rulebook and the
configuration loaders turn them into their own error types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .files import FileProblem, TooLarge, read_regular

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
#: the size limit in force (``--max-yaml-size``)
max_bytes = DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    import yaml  # imported where it is used: a run whose rulebooks come from the cache never loads PyYAML


def loader():
    """libyaml's safe loader when PyYAML was built with it, else the pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: Optional[int], message: str):
        self.line, self.message = line, message
        super().__init__(message)


def set_max_bytes(limit: int) -> None:
    global max_bytes
    max_bytes = limit


def read_text(path: str, what: str = "文件") -> str:
    """The text of a YAML file, bounded; :class:`YamlProblem` if it cannot be read."""
    try:
        data = read_regular(str(path), max_bytes)
    except TooLarge as exc:
        raise YamlProblem(None, f"{what}过大（上限 {exc.limit // 1024} KB，可用 --max-yaml-size 调高）") from None
    except FileProblem as exc:
        raise YamlProblem(None, f"无法读取{what}（{exc}）") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise YamlProblem(None, f"无法读取{what}（不是 UTF-8 编码的文本）") from None


def _problem(exc: yaml.YAMLError, text: str) -> YamlProblem:
    position = getattr(exc, "position", None)
    if getattr(exc, "character", None) is not None and position is not None:  # a reader error: a forbidden character
        line = text[:position].count("\n") + 1
        char = exc.character
        code = f"U+{char:04X}" if isinstance(char, int) else "不可见字符"
        return YamlProblem(line, f"YAML 语法错误：有不允许出现的控制字符（{code}）")
    from .zh import yaml_line, yaml_problem

    return YamlProblem(yaml_line(exc), yaml_problem(exc, where=False))


#: aliases may repeat at most this many nodes beyond the ones written (plus as many again as are written)
ALIAS_ALLOWANCE = 10_000


def _children(node: yaml.Node) -> list:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _bound_aliases(root: yaml.Node) -> None:
    """Keep what aliases expand to linear in the file: refuse cycles and anything past the allowance.

    An alias shares its anchor's node, so the tree as written is a graph; the
    size of the tree it stands for is counted once per node (memoized), in
    linear time, before anything walks it.
    """
    import yaml

    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if key in size:
            continue
        if key in on_path:
            raise YamlProblem(node.start_mark.line + 1, "YAML 别名（*名称）引用了包含它自己的内容（循环引用）")
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise YamlProblem(child.start_mark.line + 1, "YAML 别名（*名称）引用了包含它自己的内容（循环引用）")
            if id(child) not in size:
                stack.append((child, False))
    written = len(size)
    if size[id(root)] > 2 * written + ALIAS_ALLOWANCE:
        raise YamlProblem(
            None,
            f"YAML 别名（*名称）展开后过大（文件中的 {written} 个节点展开为 {size[id(root)]} 个），已拒绝读取；请直接写出重复的内容",
        )


def compose_text(text: str) -> Optional[yaml.Node]:
    """The node tree of one YAML document (None when empty); :class:`YamlProblem` on any mistake."""
    import yaml

    try:
        root = yaml.compose(text, Loader=loader())
    except yaml.YAMLError as exc:
        raise _problem(exc, text) from None
    if root is not None:
        _bound_aliases(root)
    return root


def load_text(text: str):
    """Plain Python values of one YAML document (safe types only, no aliases)."""
    import yaml

    root = compose_text(text)
    if root is None:
        return None
    try:
        return yaml.SafeLoader("").construct_document(root)
    except yaml.YAMLError as exc:
        raise _problem(exc, text) from None
