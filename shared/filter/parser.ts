/**
 * The display-filter grammar (Wireshark 4's `grammar.lemon`), by recursive descent:
 *
 *   expr     := or ;  or := xor (('||'|or) xor)* ;  xor := and (('^^'|xor) and)* ;  and := unary (('&&'|and) unary)*
 *   unary    := ('!'|not) unary | '(' expr ')' | relation
 *   relation := [any|all] arith [ cmp arith | contains arith | matches arith | [not] in set ]
 *   arith    := sum ('&' sum)* ;  sum := product (('+'|'-') product)* ;  product := sign (('*'|'/'|'%') sign)*
 *   sign     := '-' sign | '+' sign | '{' arith '}' | entity
 *   entity   := (word ['#' layer] | word '(' [arith (',' arith)*] ')' | string | char) ('[' ranges ']')*
 *   set      := '{' element (',' element)* '}' ;  element := ['-'] entity ['..' ['-'] entity]
 *
 * `and` binds tighter than `or`, as in Wireshark (`a || b && c` is `a || (b && c)`); `xor` (Wireshark
 * 4.2's `^^`) sits between them. Comparisons do not chain. Parentheses group tests, braces group
 * arithmetic, exactly as Wireshark requires.
 */
import type { ExprNode, Quantifier, SetElement, Span, ValueNode } from './ast.js';
import { fail, unexpected, UNEXPECTED_END } from './errors.js';
import { tokenize, tokenText, type Token } from './lexer.js';
import { parseRange } from './ranges.js';

class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private advance(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.index++;
    return t;
  }

  /** The error Wireshark gives for a token the grammar does not allow here. */
  private reject(t: Token): never {
    if (t.kind === 'eof') return fail(UNEXPECTED_END, this.text.length, this.text.length);
    return unexpected(tokenText(this.text, t), t.start, t.end);
  }

  private expect(kind: Token['kind']): Token {
    const t = this.peek();
    if (t.kind !== kind) this.reject(t);
    return this.advance();
  }

  parse(): ExprNode | null {
    if (this.peek().kind === 'eof') return null;
    const expr = this.or();
    if (this.peek().kind !== 'eof') this.reject(this.peek());
    return expr;
  }

  private or(): ExprNode {
    let left = this.xor();
    while (this.peek().kind === 'or') {
      this.advance();
      const right = this.xor();
      left = { kind: 'logical', op: 'or', left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private xor(): ExprNode {
    let left = this.and();
    while (this.peek().kind === 'xor') {
      this.advance();
      const right = this.and();
      left = { kind: 'logical', op: 'xor', left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private and(): ExprNode {
    let left = this.unary();
    while (this.peek().kind === 'and') {
      this.advance();
      const right = this.unary();
      left = { kind: 'logical', op: 'and', left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private unary(): ExprNode {
    const t = this.peek();
    if (t.kind === 'not') {
      this.advance();
      const operand = this.unary();
      return { kind: 'not', operand, span: [t.start, operand.span[1]] };
    }
    if (t.kind === '(') {
      this.advance();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.relation();
  }

  private relation(): ExprNode {
    const first = this.peek();
    let quantifier: Quantifier | null = null;
    if (first.kind === 'any' || first.kind === 'all') {
      quantifier = first.kind;
      this.advance();
    }
    const left = this.arith();
    const t = this.peek();
    const start = quantifier ? first.start : left.span[0];
    const opSpan: Span = [t.start, t.end];
    if (t.kind === 'cmp') {
      this.advance();
      const right = this.arith();
      return { kind: 'compare', op: t.op, quantifier, left, right, span: [start, right.span[1]], opSpan };
    }
    if (t.kind === 'contains' || t.kind === 'matches') {
      this.advance();
      const right = this.arith();
      return { kind: t.kind, quantifier, left, right, span: [start, right.span[1]], opSpan };
    }
    if (t.kind === 'in' || (t.kind === 'not' && this.tokens[this.index + 1]?.kind === 'in')) {
      const negated = t.kind === 'not';
      if (negated) this.advance();
      const inSpan: Span = [t.start, this.advance().end];
      const { elements, end } = this.set();
      return { kind: 'in', negated, quantifier, left, elements, span: [start, end], opSpan: inSpan };
    }
    if (quantifier) this.reject(t);
    return { kind: 'test', value: left, span: left.span };
  }

  private set(): { elements: SetElement[]; end: number } {
    this.expect('{');
    const elements: SetElement[] = [];
    for (;;) {
      const low = this.setEntity();
      let high: ValueNode | null = null;
      if (this.peek().kind === '..') {
        this.advance();
        high = this.setEntity();
      }
      elements.push({ low, high });
      if (this.peek().kind !== ',') break;
      this.advance();
    }
    return { elements, end: this.expect('}').end };
  }

  private setEntity(): ValueNode {
    const t = this.peek();
    if (t.kind === 'arith' && (t.op === 'sub' || t.op === 'add')) {
      this.advance();
      const operand = this.entity();
      return t.op === 'add' ? operand : { kind: 'negate', operand, span: [t.start, operand.span[1]] };
    }
    return this.entity();
  }

  private arith(): ValueNode {
    let left = this.sum();
    for (let t = this.peek(); t.kind === 'arith' && t.op === 'bitand'; t = this.peek()) {
      this.advance();
      const right = this.sum();
      left = { kind: 'arith', op: t.op, left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private sum(): ValueNode {
    let left = this.product();
    for (let t = this.peek(); t.kind === 'arith' && (t.op === 'add' || t.op === 'sub'); t = this.peek()) {
      this.advance();
      const right = this.product();
      left = { kind: 'arith', op: t.op, left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private product(): ValueNode {
    let left = this.sign();
    for (
      let t = this.peek();
      t.kind === 'arith' && (t.op === 'mul' || t.op === 'div' || t.op === 'mod');
      t = this.peek()
    ) {
      this.advance();
      const right = this.sign();
      left = { kind: 'arith', op: t.op, left, right, span: [left.span[0], right.span[1]] };
    }
    return left;
  }

  private sign(): ValueNode {
    const t = this.peek();
    if (t.kind === 'arith' && (t.op === 'sub' || t.op === 'add')) {
      this.advance();
      const operand = this.sign();
      return t.op === 'add' ? operand : { kind: 'negate', operand, span: [t.start, operand.span[1]] };
    }
    if (t.kind === '{') {
      this.advance();
      const inner = this.arith();
      this.expect('}');
      return this.slices(inner);
    }
    return this.entity();
  }

  private entity(): ValueNode {
    const t = this.advance();
    if (t.kind === 'word') return this.slices(this.peek().kind === '(' ? this.call(t) : this.word(t));
    if (t.kind === 'string') return this.slices({ kind: 'string', value: t.value, span: [t.start, t.end] });
    if (t.kind === 'char') return this.slices({ kind: 'char', value: t.value, span: [t.start, t.end] });
    return this.reject(t);
  }

  /** `x[0:3]`, `x[0:3][1]`: slices follow an entity (or a braced expression). */
  private slices(node: ValueNode): ValueNode {
    for (let s = this.peek(); s.kind === 'slice'; s = this.peek()) {
      this.advance();
      node = { kind: 'slice', target: node, ranges: s.parts.map(parseRange), span: [node.span[0], s.end] };
    }
    return node;
  }

  private word(t: Token & { kind: 'word' }): ValueNode {
    const layer = this.peek();
    if (layer.kind !== 'layer') return { kind: 'word', text: t.text, span: [t.start, t.end] };
    this.advance();
    return { kind: 'word', text: t.text, layers: layer.parts.map(parseRange), span: [t.start, layer.end] };
  }

  private call(name: Token & { kind: 'word' }): ValueNode {
    this.advance();
    const args: ValueNode[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.arith());
      while (this.peek().kind === ',') {
        this.advance();
        args.push(this.arith());
      }
    }
    const close = this.expect(')');
    return {
      kind: 'call',
      name: name.text,
      args,
      span: [name.start, close.end],
      nameSpan: [name.start, name.end],
    };
  }
}

/** The syntax tree of `text`, or null for an empty filter (which shows every frame). Throws FilterError. */
export function parseFilter(text: string): ExprNode | null {
  return new Parser(text, tokenize(text)).parse();
}
