"""The statement language: `q = x + y; f = q * z` becomes a Graph.

Text is parsed with Python's `ast` and only a whitelist of node types is accepted:
names, numbers, + - * / ** ^ @, unary minus, `.T`, and calls to registered ops.
Nothing is ever evaluated; every sub-expression becomes a node of the graph.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from backprop_tui.engine.graph import Graph, GraphError, Node
from backprop_tui.engine.ops import OPS

MAX_TEXT = 20_000
MAX_DEPTH = 100
MAX_LITERAL = 1e15
MAX_EXPONENT = 64
DEFAULT_OUTPUT = "out"

BINARY_OPS = {
    ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div",
    ast.Pow: "pow", ast.MatMult: "matmul",
}


class StatementError(GraphError):
    """A statement that cannot be parsed; `column` is 1-based within `statement`."""

    def __init__(self, message: str, statement: str = "", column: int | None = None):
        super().__init__(message)
        self.statement = statement
        self.column = column

    def __str__(self) -> str:
        if not self.statement:
            return self.message
        where = f" (column {self.column})" if self.column else ""
        return f"{self.message}{where} in '{_short(self.statement, 60)}'"


def parse_program(text: str, output: str | None = None) -> Graph:
    """Parse statements separated by `;` or newlines; the last one is the output."""
    statements = _split(text)
    builder = _Builder(_names_in(statements))
    last = None
    for source, target, expr in statements:
        last = builder.define(target, expr, source)
    names = {n.name for n in builder.nodes}
    for name in sorted(builder.referenced - names):
        builder.nodes.append(Node(name))
    output = output or last
    if output not in names:
        raise StatementError(f"--output '{output}' is not defined by any statement")
    return Graph.from_nodes(builder.nodes, output)


def parse_node_expression(name: str, text: str, taken: Iterable[str]) -> list[Node]:
    """The nodes for one `name: expression` of a lesson file (the last one is `name`)."""
    tree = _parse(text.replace("^", "**"), "eval")
    builder = _Builder(set(taken) | {name})
    builder.define(name, tree.body, text)
    return builder.nodes


def _parse(text: str, mode: str) -> ast.AST:
    if len(text) > MAX_TEXT:
        raise StatementError(f"the text is too long ({len(text)} characters, at most {MAX_TEXT})")
    if "\x00" in text:
        raise StatementError("the text contains a NUL byte")
    try:
        return ast.parse(text, mode=mode)
    except SyntaxError as error:
        line = (error.text or text).strip().splitlines()[0] if (error.text or text).strip() else ""
        raise StatementError(f"syntax error: {_short(error.msg, 100)}", line, error.offset) from None
    except (RecursionError, MemoryError, ValueError):
        raise StatementError("the expression is too deeply nested or too large to read") from None


def _split(text: str) -> list[tuple[str, str, ast.expr]]:
    rewritten = text.replace("^", "**")
    module = _parse(rewritten, "exec")
    lines = rewritten.splitlines()
    statements = []
    for index, stmt in enumerate(module.body):
        source = _segment(lines, stmt)
        is_last = index == len(module.body) - 1
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target = stmt.targets[0].id
            _check_target(target, source)
            statements.append((source, target, stmt.value))
        elif isinstance(stmt, ast.Expr) and is_last:
            statements.append((source, DEFAULT_OUTPUT, stmt.value))
        else:
            raise StatementError("each statement must look like 'name = expression'", source, stmt.col_offset + 1)
    if not statements:
        raise StatementError("there are no statements")
    return statements


def _segment(lines: list[str], node: ast.stmt) -> str:
    """The source text of a statement (ast.get_source_segment re-splits the text every call)."""
    first, last = node.lineno - 1, node.end_lineno - 1
    if first == last:
        return lines[first].encode()[node.col_offset : node.end_col_offset].decode()
    parts = [lines[first].encode()[node.col_offset :].decode()]
    parts += lines[first + 1 : last]
    parts.append(lines[last].encode()[: node.end_col_offset].decode())
    return "\n".join(parts)


def _check_target(name: str, source: str) -> None:
    if name.startswith("_"):
        raise StatementError(f"names may not start with '_': '{name}'", source, 1)
    if name in OPS:
        raise StatementError(f"'{name}' is the name of an op; choose another name", source, 1)


def _names_in(statements) -> set[str]:
    names = {target for _, target, _ in statements}
    for _, _, expr in statements:
        names.update(n.id for n in ast.walk(expr) if isinstance(n, ast.Name))
    return names


class _Builder:
    """Turns expression trees into nodes, naming each intermediate value t1, t2, ..."""

    def __init__(self, taken: set[str]):
        self.taken = set(taken)
        self.nodes: list[Node] = []
        self.referenced: set[str] = set()
        self.counters: dict[str, int] = {}

    def define(self, target: str, expr: ast.expr, source: str) -> str:
        self.source = source
        result = self.visit(expr, 0, target)
        if result != target:
            raise StatementError(f"'{target}' only renames '{result}'; compute something", source, 1)
        return target

    def fresh(self, prefix: str) -> str:
        while True:
            self.counters[prefix] = self.counters.get(prefix, 0) + 1
            name = f"{prefix}{self.counters[prefix]}"
            if name not in self.taken:
                self.taken.add(name)
                return name

    def fail(self, message: str, node: ast.AST):
        raise StatementError(message, self.source, getattr(node, "col_offset", 0) + 1)

    def visit(self, node: ast.expr, depth: int, name: str | None = None) -> str:
        if depth > MAX_DEPTH:
            self.fail("the expression is nested too deeply", node)
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                self.fail(f"names may not start with '_': '{node.id}'", node)
            self.referenced.add(node.id)
            return node.id
        literal = _literal(node)
        if literal is not None:
            return self.constant(literal, node, name)
        if isinstance(node, ast.BinOp) and type(node.op) in BINARY_OPS:
            op = BINARY_OPS[type(node.op)]
            if op == "pow":
                self.check_exponent(node.right)
            return self.emit(op, [node.left, node.right], node, depth, name)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            if isinstance(node.op, ast.UAdd):
                return self.visit(node.operand, depth + 1, name)
            return self.emit("neg", [node.operand], node, depth, name)
        if isinstance(node, ast.Attribute):
            if node.attr != "T":
                self.fail(f"only '.T' (transpose) may follow a value, not '.{node.attr}'", node)
            return self.emit("transpose", [node.value], node, depth, name)
        if isinstance(node, ast.Call):
            return self.call(node, depth, name)
        self.fail(f"'{_describe(node)}' is not allowed here", node)

    def call(self, node: ast.Call, depth: int, name: str | None) -> str:
        if not isinstance(node.func, ast.Name) or node.func.id not in OPS or node.keywords:
            called = node.func.id if isinstance(node.func, ast.Name) else _describe(node.func)
            self.fail(f"unknown function '{called}' (functions: {', '.join(sorted(OPS))})", node)
        return self.emit(node.func.id, node.args, node, depth, name)

    def check_exponent(self, node: ast.expr) -> None:
        value = _literal(node)
        if value is None:
            self.fail("an exponent must be a number, like x ** 2", node)
        if abs(value) > MAX_EXPONENT:
            self.fail(f"the exponent {value:g} is too large (at most {MAX_EXPONENT})", node)

    def emit(self, op: str, args: list[ast.expr], node: ast.expr, depth: int, name: str | None) -> str:
        problem = OPS[op].check_arity(len(args))
        if problem:
            self.fail(problem, node)
        inputs = tuple(self.visit(arg, depth + 1) for arg in args)
        target = name or self.fresh("t")
        self.nodes.append(Node(target, op, inputs, source=self.source))
        return target

    def constant(self, value: float, node: ast.expr, name: str | None) -> str:
        if name is not None:
            self.fail("a statement must compute something; a bare number can be an input instead", node)
        target = self.fresh("c")
        self.nodes.append(Node(target, "const", label=f"{value:g}", source=self.source, value=value))
        return target


def _literal(node: ast.expr) -> float | None:
    """The number of a literal, or of a negated literal; None for anything else."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        sign, node = -1.0, node.operand
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        value = node.value
        if isinstance(value, int) and value.bit_length() > 64 or abs(float(value)) > MAX_LITERAL:
            raise StatementError(f"the number {str(value)[:20]} is too large")
        return sign * float(value)
    return None


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(node: ast.AST) -> str:
    try:
        return _short(ast.unparse(node), 40)
    except Exception:  # noqa: BLE001 - unparse of an odd tree only names it in a message
        return type(node).__name__
