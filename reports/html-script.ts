/**
 * The script of report.html (plain ES2019, no imports, no network). It reads the page's data
 * from `<script type="application/json" id="run-data">` (reports/html-page.ts) and lays it out
 * with DOM APIs only (createElement, createElementNS, textContent, setAttribute): run data is
 * never parsed as markup. The pieces share one function scope: the helpers below, the overview
 * (html-script-overview.ts) and the results list (html-script-results.ts).
 */
import { OVERVIEW_SCRIPT } from './html-script-overview.js';
import { RESULTS_SCRIPT } from './html-script-results.js';

const HELPERS = `
  var page = JSON.parse(document.getElementById('run-data').textContent);
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function $(id) { return document.getElementById(id); }
  function add(node, children) {
    (children || []).forEach(function (child) { if (child !== null && child !== undefined) node.append(child); });
    return node;
  }
  function h(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return add(node, children);
  }
  function text(tag, className, value) { var node = h(tag, className); node.textContent = String(value); return node; }
  function attrs(node, values) {
    Object.keys(values).forEach(function (name) { node.setAttribute(name, String(values[name])); });
    return node;
  }
  function svg(tag, values, children) { return add(attrs(document.createElementNS(SVG_NS, tag), values || {}), children); }
  function svgText(values, value) { var node = svg('text', values); node.textContent = String(value); return node; }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function button(className, children, onClick) {
    var node = h('button', className, children);
    node.setAttribute('type', 'button');
    if (onClick) node.addEventListener('click', onClick);
    return node;
  }
`;

/** The page's script. */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
${HELPERS}
${OVERVIEW_SCRIPT}
${RESULTS_SCRIPT}
})();
`;
