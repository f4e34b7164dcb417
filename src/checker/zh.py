"""Chinese for the messages of the libraries checker shows to users: click, PyYAML, ``re``.

* :func:`install_click` makes click's own texts ("Show this message and
  exit.", "[default: …]", "Missing argument", "No such option" …) Chinese.
  click marks them for gettext (``from gettext import gettext as _`` in each
  of its modules); we put a catalog lookup in place of that ``_``, whatever
  the locale, as every other message of checker is Chinese too.  The catalog
  is :data:`CLICK`; tests/test_zh.py checks it against the msgids of the
  installed click, so a click upgrade that adds a message fails a test.
* :func:`yaml_problem` turns a PyYAML error (libyaml's or the pure-Python
  parser's wording) into one Chinese line with its line and column.
* :func:`regex_problem` does the same for ``re.error``.
"""

from __future__ import annotations

import re
from typing import Optional

#: click's msgids (click 8.1–8.3) -> Chinese.  ``{…}`` fields are filled by click;
#: ``{value!r}`` may be written ``“{value}”``.
CLICK: dict[str, str] = {
    # help pages
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Choice({choices})": "可选值（{choices}）",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    # usage errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否应为以下之一：{possibilities}？）",
    "Option {name!r} does not take a value.": "选项“{name}”不带值。",
    "Option {name!r} requires an argument.": "选项“{name}”需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是可选值（{choices}）之一。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是有效的布尔值，可用的值：{states}",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合以下任一格式：{formats}。",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的 UUID。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，但给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值，但给了 {len_value} 个。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，但只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，但给了 {len} 个。",
    "Value must be an iterable.": "值必须是可迭代的。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”不可写。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中止！",
    # prompts (checker asks nothing today; translated so that none turns up in English)
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接确认。",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "弃用警告：命令“{name}”已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "弃用警告：{param_type}“{name}”已弃用。{extra_message}",
}

#: values click puts into its messages that are not marked for translation
CLICK_TERMS = {
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "integer": "整数",
    "integer range": "整数",
    "float": "数",
    "float range": "数",
    "boolean": "布尔值",
    "text": "文本",
    "datetime": "日期时间",
    "filename": "文件名",
    "uuid": "UUID",
}

#: click msgids meant for developers (wrong decorators), never shown to a user of checker
CLICK_DEVELOPER_ONLY = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "{editor}: Editing failed",
    "{editor}: Editing failed: {e}",
    "Windows error: {error}",
    "d",
}


class _Message(str):
    """A translated message whose ``format()`` also translates the terms click fills in."""

    def format(self, *args, **kwargs):  # noqa: A003 - str.format's name
        kwargs = {k: _term(v) if isinstance(v, str) else v for k, v in kwargs.items()}
        return super().format(*args, **kwargs)


def _term(value: str) -> str:
    """A term click fills in, in Chinese; a Chinese sentence click ended with an ASCII full stop ends with 。"""
    if value in CLICK_TERMS:
        return CLICK_TERMS[value]
    if value.endswith(".") and not value.endswith("..") and re.search(r"[\u4e00-\u9fff]", value):
        return value[:-1] + "。"
    return value


#: the placeholders click writes in usage lines
USAGE_METAVARS = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]...", "[COMMAND] [ARGS]...": "[命令] [参数]..."}


def localize_commands(command) -> None:
    """Chinese placeholders in the usage lines of ``command`` and every command under it."""
    if getattr(command, "options_metavar", None) in USAGE_METAVARS:
        command.options_metavar = USAGE_METAVARS[command.options_metavar]
    if getattr(command, "subcommand_metavar", None) in USAGE_METAVARS:
        command.subcommand_metavar = USAGE_METAVARS[command.subcommand_metavar]
    for sub in getattr(command, "commands", {}).values():
        localize_commands(sub)


def click_gettext(message: str) -> str:
    translated = CLICK.get(message)
    return _Message(translated) if translated is not None else message


def click_ngettext(singular: str, plural: str, n: int) -> str:
    return click_gettext(singular if n == 1 else plural)


_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils", "shell_completion", "_termui_impl")


def install_click() -> None:
    """Put the Chinese catalog in place of gettext in every click module, and lay out Chinese help (idempotent)."""
    import importlib

    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = click_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext
    _install_cjk_layout()


# ---------------------------------------------------------------- help layout
#
# click measures text by characters (``term_len``); a Chinese character takes
# two columns, so Chinese help came out with its columns out of line and its
# lines twice too long, and only breaks at spaces.  click >= 8.4 routes every
# measurement of its help formatter through ``term_len`` and cuts long words
# with ``_textwrap._truncate_visible``: we measure in terminal cells instead
# (rich's ``cell_len``) and let lines break between Chinese characters (never
# before a closing mark such as ，。）).  On a click without these internals
# the help is only less tidy.

_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHUNK = rf"[（《“‘【(]*[{_IDEOGRAPH}][，。、；：？！）》”’】)]*|[^{_IDEOGRAPH}]+"  # compiled when help is wrapped


def cell_width(text: str) -> int:
    """The columns ``text`` takes on a terminal (ANSI escapes take none, a Chinese character two)."""
    from rich.cells import cell_len

    return cell_len(_ANSI.sub("", text))


def _truncate_cells(text: str, n: int) -> str:
    """The longest prefix of ``text`` that takes at most ``n`` columns (at least one character)."""
    from rich.cells import get_character_cell_size

    used, cut = 0, 0
    for i, ch in enumerate(text):
        used += get_character_cell_size(ch)
        if used > n and i > 0:
            break
        cut = i + 1
    return text[:cut]


def _breakable(chunk: str) -> bool:
    """A chunk with Chinese in it may break between its characters, unless it is click's ``[默认：…]``."""
    return bool(re.search(f"[{_IDEOGRAPH}]", chunk)) and not (chunk.startswith("[") and chunk.endswith("]"))


def _install_cjk_layout() -> None:
    try:
        import click._textwrap as textwrap_
        import click.formatting as formatting
        import click._compat as compat
    except ImportError:  # pragma: no cover
        return
    if getattr(formatting, "_checker_cjk", False):
        return
    for module in (compat, formatting, textwrap_):
        if hasattr(module, "term_len"):
            module.term_len = cell_width
    if hasattr(textwrap_, "_truncate_visible"):
        textwrap_._truncate_visible = _truncate_cells
    split = textwrap_.TextWrapper._split

    def _split(self, text):
        return [piece for chunk in split(self, text) for piece in (re.findall(_CJK_CHUNK, chunk) if _breakable(chunk) else [chunk])]

    textwrap_.TextWrapper._split = _split
    heading = formatting.HelpFormatter.write_heading

    def write_heading(self, text: str) -> None:
        if re.search(f"[{_IDEOGRAPH}]", text):
            self.write(f"{'':>{self.current_indent}}{text}：\n")
        else:
            heading(self, text)

    formatting.HelpFormatter.write_heading = write_heading
    formatting._checker_cjk = True


# ---------------------------------------------------------------- PyYAML

#: (pattern over PyYAML's "problem" or "context", Chinese); libyaml's wording and the pure-Python parser's
YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"mapping values are not allowed (here|in this context)", "这里不能写“键: 值”（多半是缩进不对，或值里有未加引号的冒号）"),
    (r"could not find expected ':'", "缺少冒号“:”"),
    (r"found character .*that cannot start any token", "有不能出现在这里的字符（Tab 缩进请改用空格；以 @ 或 ` 开头的值请加引号）"),
    (r"found unexpected end of stream", "文件在引号或括号闭合前就结束了"),
    (r"did not find expected node content|expected the node content", "缺少值"),
    (r"did not find expected ',' or '\]'|expected ',' or '\]'", "方括号列表 [ ] 没有正确闭合或缺少逗号"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}'", "花括号映射 { } 没有正确闭合或缺少逗号"),
    (r"did not find expected '-' indicator|expected <block end>", "缩进不一致：列表项或键的缩进与上面的不同"),
    (r"did not find expected key", "缩进不一致，或这里缺少键"),
    (r"found undefined alias", "引用了未定义的锚点（*名称）"),
    (r"found duplicate anchor", "锚点（&名称）重复定义"),
    (r"found unknown escape character", "双引号中有无效的转义字符（反斜杠 \\ 请写成 \\\\，或改用单引号）"),
    (r"could not determine a constructor for the tag", "不支持的 YAML 标签（!! 开头的类型）"),
    (r"expected a single document in the stream|but found another document", "文件中只能有一个 YAML 文档（不要用 --- 分隔多个）"),
    (r"found unhashable key", "键不能是列表或映射"),
    (r"found incompatible YAML document", "不支持的 YAML 版本（只支持 1.x）"),
    (r"found an indentation indicator equal to 0|expected indentation indicator in the range 1-9", "块文本（| 或 >）的缩进标记应为 1 到 9"),
    (r"unacceptable character|special characters are not allowed", "文件中有不允许的控制字符"),
    (r"exceeded maximum nesting depth", "嵌套层数过多"),
    (r"invalid leading UTF-8 octet|invalid trailing UTF-8 octet|codec can't decode", "文件不是有效的 UTF-8 编码"),
)


def yaml_problem(exc: BaseException, where: bool = True) -> str:
    """One Chinese line for a PyYAML error: what is wrong, and (``where``) its line and column."""
    texts = [str(getattr(exc, "problem", None) or ""), str(getattr(exc, "context", None) or ""), str(exc)]
    what = next((zh for pattern, zh in YAML_PROBLEMS if any(re.search(pattern, t) for t in texts if t)), None)
    if what is None:
        what = "无法解析"
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    place = f"（第 {mark.line + 1} 行第 {mark.column + 1} 列）" if mark is not None and where else ""
    return f"YAML 语法错误：{what}{place}"


def yaml_line(exc: BaseException) -> Optional[int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


# ---------------------------------------------------------------- re

#: (pattern over re.error's message, Chinese)
REGEX_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"missing \), unterminated subpattern", "左括号“(”没有对应的右括号"),
    (r"unbalanced parenthesis", "右括号“)”没有对应的左括号"),
    (r"unterminated character set", "方括号“[”没有闭合"),
    (r"nothing to repeat", "重复符号（* + ? {n}）前面没有可重复的内容"),
    (r"multiple repeat", "重复符号连用（如 ** 或 +*）"),
    (r"bad escape", "无效的转义（反斜杠后跟的字符不对）"),
    (r"bad character range", "字符范围的起止颠倒（如 [z-a]）"),
    (r"min repeat greater than max repeat", "重复次数 {m,n} 中 m 大于 n"),
    (r"look-behind requires fixed-width pattern", "后行断言 (?<=…) 中的内容长度必须固定"),
    (r"unknown extension|unexpected end of pattern|unknown flag|missing flag|bad inline flags", "括号内 ? 之后的写法无效"),
    (r"missing group name|bad character in group name|missing >", "分组名称写法有误"),
    (r"redefinition of group name", "分组名称重复"),
    (r"unknown group name|invalid group reference", "引用了不存在的分组"),
    (r"missing :|missing \)", "条件或分组没有写完整"),
    (r"global flags not at the start", "全局标志 (?i) 等只能写在表达式开头"),
)


def regex_problem(exc: BaseException) -> str:
    """One Chinese line for a ``re.error``: what is wrong, and at which character."""
    message = str(getattr(exc, "msg", None) or exc)
    what = next((zh for pattern, zh in REGEX_PROBLEMS if re.search(pattern, message)), "写法无效")
    pos = getattr(exc, "pos", None)
    where = f"（第 {pos + 1} 个字符处）" if isinstance(pos, int) else ""
    return f"正则表达式有误：{what}{where}"


# ---------------------------------------------------------------- TOML (tomllib / tomli)

TOML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"Invalid value", "值无效（字符串要加引号，如 \"warning\"；列表写成 [\"a\", \"b\"]；布尔值为 true / false）"),
    (r"Expected '=' after a key", "键后面缺少“=”（键中不能有空格）"),
    (r"Cannot overwrite a value|Cannot declare .* twice", "同一个键或表重复出现"),
    (r"Expected newline or end of document after a statement", "一行只能写一个“键 = 值”"),
    (r"Invalid statement|Invalid initial character for a key part", "这一行不是“键 = 值”或 [表]"),
    (r"Unclosed array|Unclosed inline table", "方括号或花括号没有闭合"),
    (r"Expected ']'", "表名的方括号没有闭合"),
    (r"Unterminated string|Expected \"'\"|Expected '\"'", "字符串的引号没有闭合"),
    (r"Unescaped '\\'|Unescaped|Invalid .*escape", "字符串中的反斜杠 \\ 要写成 \\\\（或改用单引号）"),
    (r"Illegal character|Found invalid character", "有不允许的控制字符"),
)


def toml_problem(exc: BaseException) -> str:
    """One Chinese line for a TOML syntax error, with its line and column."""
    message = str(exc)
    what = next((zh for pattern, zh in TOML_PROBLEMS if re.search(pattern, message)), "无法解析")
    m = re.search(r"\(at line (\d+), column (\d+)\)", message)
    where = f"（第 {m.group(1)} 行第 {m.group(2)} 列）" if m else ("（在文件末尾）" if "end of document" in message else "")
    return f"TOML 语法错误：{what}{where}"


# ---------------------------------------------------------------- the operating system

#: errno names -> Chinese (what the C library says in English)
OS_PROBLEMS = {
    "ENOENT": "文件不存在",
    "EACCES": "没有读取权限",
    "EPERM": "没有权限",
    "EISDIR": "是文件夹，不是文件",
    "ENOTDIR": "路径中有一段不是文件夹",
    "ENAMETOOLONG": "文件名过长",
    "ELOOP": "符号链接循环",
    "EIO": "读写出错",
    "ENOSPC": "磁盘已满",
    "EROFS": "文件系统只读",
}


def os_problem(exc: BaseException) -> str:
    """What an OSError (or a decoding error) means, in Chinese."""
    import errno

    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 编码的文本"
    name = errno.errorcode.get(getattr(exc, "errno", None) or -1)
    return OS_PROBLEMS.get(name, f"系统错误 {name}" if name else "无法读取")
