import { expect, test } from 'vitest';
import {
  element,
  escapeXmlAttribute,
  escapeXmlText,
  stripIllegalXmlChars,
  writeDocument,
  writeElement,
} from './xml.js';

test('escapes markup characters and ]]> in text', () => {
  expect(escapeXmlText('a < b && c > d ]]> "q"')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt; "q"');
});

test('escapes quotes and keeps whitespace in attributes as character references', () => {
  expect(escapeXmlAttribute('say "hi"\n\tto <you> & me\r')).toBe(
    'say &quot;hi&quot;&#10;&#9;to &lt;you&gt; &amp; me&#13;',
  );
});

test('strips characters XML 1.0 cannot carry and keeps non-BMP characters', () => {
  expect(stripIllegalXmlChars('a\u0000b\u001bc\uD800d\uFFFEe 🚀 名前\t\n')).toBe('abcde 🚀 名前\t\n');
});

test('indents element-only content and writes text content inline', () => {
  const tree = element('a', { n: 1, skip: undefined }, [
    element('b', {}, ['x\ny']),
    undefined,
    element('c', { v: '"' }),
  ]);
  expect(writeElement(tree)).toBe('<a n="1">\n  <b>x\ny</b>\n  <c v="&quot;"/>\n</a>');
});

test('adds no whitespace inside mixed content', () => {
  const tree = element('p', {}, ['one ', element('b', {}, [element('i', {}, ['two'])]), ' three']);
  expect(writeElement(tree)).toBe('<p>one <b><i>two</i></b> three</p>');
});

test('writes a document with the XML declaration', () => {
  expect(writeDocument(element('r'))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r/>\n');
});

test('refuses element and attribute names it would have to escape', () => {
  expect(() => writeElement(element('a b'))).toThrow(TypeError);
  expect(() => writeElement(element('a', { 'x"': 'v' }))).toThrow(/Invalid XML attribute name 'x"'/);
});
