// Small DOM helpers: every text goes in as text, never as markup.

/** An element with attributes ("on..." are listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what the main area shows, and moves focus there for keyboard and screen-reader users. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren();
  append(main, children);
}

export function badge(text, kind = text) {
  return h('span', { className: `badge ${kind}` }, text);
}

export function json(value) {
  return h('pre', {}, value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));
}

export function when(instant) {
  return instant ? h('time', { datetime: instant, title: instant }, instant.replace('T', ' ').replace('Z', ' UTC')) : '—';
}

/** A table that becomes cards at phone width; rows are arrays of cells (a cell may be a node). */
export function table(headings, rows, label) {
  return h('div', { className: 'table-wrap' },
    h('table', { className: 'cards', 'aria-label': label },
      h('thead', {}, h('tr', {}, headings.map(heading => h('th', { scope: 'col' }, heading)))),
      h('tbody', {}, rows.map(row => h('tr', {}, row.map((cell, i) => h('td', { 'data-label': headings[i] }, cell)))))));
}

export function empty(text) {
  return h('p', { className: 'empty' }, text);
}

export function notice(kind, ...children) {
  return h('div', { className: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/** Asks before an act that cannot be undone; answers whether the operator confirmed. */
export function confirmAct(title, text, confirmLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}

/** The hash route and its query, e.g. #/executions?status=workflow_failed. */
export function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path, params: new URLSearchParams(query) };
}

export function go(path, params) {
  const query = params && params.toString();
  location.hash = '#' + path + (query ? '?' + query : '');
}
