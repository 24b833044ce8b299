// A small streaming XML writer for bank files: elements, attributes and escaped text, indented by
// two spaces per level (the layout of xmlbuilder2's prettyPrint, so each element has its own line
// and a validator's line number points at one field). xmlbuilder2, measured on the same pain.001,
// was 3–8× slower per payment (its DOM of 100 000 payments grows past 2 GB) and its callback
// builder slower still, as it clones its options on every element (docs/performance.md,
// "pain.001 bank files"). Escaping is done here, once, for every value: never at a call site.

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except the surrogates
// (handled by the u flag) and U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const TEXT_SPECIAL = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escaped(value: string, special: RegExp): string {
  if (NOT_XML_CHAR.test(value))
    throw new RangeError(`a character XML cannot carry in ${JSON.stringify(value)}`);
  return value.replace(special, (c) => ENTITIES[c] as string);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export type XmlWriter = {
  /** Opens an element; children follow until close(). */
  open(name: string, attributes?: Readonly<Record<string, string>>): XmlWriter;
  /** An element with text content, on one line. */
  leaf(name: string, text: string, attributes?: Readonly<Record<string, string>>): XmlWriter;
  close(): XmlWriter;
  /** The document; every element must be closed. */
  done(): string;
};

export function xmlWriter(): XmlWriter {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const open: string[] = [];
  const tag = (name: string, attributes?: Readonly<Record<string, string>>) => {
    if (!NAME.test(name)) throw new RangeError(`not an element name: ${name}`);
    let s = name;
    if (attributes) {
      for (const [k, v] of Object.entries(attributes)) {
        if (!NAME.test(k)) throw new RangeError(`not an attribute name: ${k}`);
        s += ` ${k}="${escaped(v, ATTR_SPECIAL)}"`;
      }
    }
    return s;
  };
  const writer: XmlWriter = {
    open(name, attributes) {
      lines.push(`${'  '.repeat(open.length)}<${tag(name, attributes)}>`);
      open.push(name);
      return writer;
    },
    leaf(name, text, attributes) {
      lines.push(
        `${'  '.repeat(open.length)}<${tag(name, attributes)}>${escaped(text, TEXT_SPECIAL)}</${name}>`,
      );
      return writer;
    },
    close() {
      const name = open.pop();
      if (name === undefined) throw new Error('close() without an open element');
      lines.push(`${'  '.repeat(open.length)}</${name}>`);
      return writer;
    },
    done() {
      if (open.length > 0) throw new Error(`unclosed elements: ${open.join(' > ')}`);
      return lines.join('\n');
    },
  };
  return writer;
}
