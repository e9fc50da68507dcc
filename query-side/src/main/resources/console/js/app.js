// The console's shell: sign-in, the session (this tab only), navigation and the routes.
import { ApiError, consoleSettings, createApi } from './api.js';
import { h, notice, route, show } from './ui.js';
import * as organization from './organization.js';
import * as operator from './operator.js';

const STORAGE = 'ledger.console.session';

const SECTIONS = {
  organization: [
    ['/executions', 'Executions', organization.executions],
    ['/reconciliation', 'Reconciliation', organization.reconciliation],
  ],
  operator: [
    ['/dead-letters', 'Dead letters', operator.deadLetters],
    ['/set-aside', 'Set aside', operator.setAside],
    ['/rebuild', 'Read-model rebuild', operator.rebuild],
    ['/ledger', 'Ledger digest', operator.ledger],
  ],
};

/** Kept in session storage: gone when the tab closes, never in a URL. */
function loadSession() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE));
  } catch {
    return null;
  }
}

function signOut(reason) {
  sessionStorage.removeItem(STORAGE);
  renderSignIn(reason);
}

async function signIn(token) {
  const settings = await consoleSettings();
  const candidate = { token, commandSideUrl: settings.commandSideUrl || '' };
  const api = createApi(candidate);
  try {
    await api.query('/v1/execution-counts');
    return { ...candidate, role: 'organization' };
  } catch (failure) {
    if (!(failure instanceof ApiError) || failure.status !== 401) throw failure;
  }
  await api.query('/admin/set-aside'); // the admin token, or a refusal that says why
  return { ...candidate, role: 'operator' };
}

function renderSignIn(reason) {
  document.getElementById('nav').replaceChildren();
  document.getElementById('who').replaceChildren();
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help' });
  const problem = h('div', { id: 'signin-problem' }, reason ? notice('error', reason) : null);
  show(h('section', { className: 'signin' },
    h('h1', {}, 'Sign in'),
    h('form', {
      onsubmit: async event => {
        event.preventDefault();
        problem.replaceChildren();
        try {
          const session = await signIn(input.value.trim());
          sessionStorage.setItem(STORAGE, JSON.stringify(session));
          location.hash = '#' + SECTIONS[session.role][0][0];
          render();
        } catch (failure) {
          problem.replaceChildren(notice('error', failure instanceof ApiError
            ? (failure.status === 401 || failure.status === 403 ? 'That token was refused: it is neither an API token nor the admin token.' : failure.explain())
            : String(failure)));
        }
      },
    },
    h('label', { for: 'token' }, 'API token or admin token', input),
    h('p', { id: 'token-help', className: 'muted' },
      'An API token shows its organization\'s executions; the admin token shows the operator\'s view. '
      + 'The token is kept in this tab only, and forgotten when it closes.'),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary', id: 'signin' }, 'Sign in')),
    problem)));
  input.focus();
}

function renderShell(session, current) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...SECTIONS[session.role].map(([path, label]) =>
    h('a', { href: '#' + path, 'aria-current': current.startsWith(path) ? 'page' : null }, label)));
  document.getElementById('who').replaceChildren(
    h('span', {}, session.role === 'operator' ? 'Operator' : 'Organization view'),
    h('button', { type: 'button', id: 'signout', onclick: () => signOut() }, 'Sign out'));
}

async function render() {
  document.getElementById('status').replaceChildren();
  const session = loadSession();
  if (!session) {
    renderSignIn();
    return;
  }
  const { path, params } = route();
  const sections = SECTIONS[session.role];
  const section = sections.find(([prefix]) => path.startsWith(prefix));
  if (!section) {
    location.replace('#' + sections[0][0]);
    return;
  }
  renderShell(session, path);
  const context = { api: createApi(session), session, path, params, failed };
  show(h('p', { className: 'muted' }, 'Loading…'));
  try {
    await section[2](context);
  } catch (failure) {
    show(h('p', { className: 'empty' }, 'This page could not be shown; the notice above says why.'));
    failed(failure);
  }
}

/** A refusal or an outage, said plainly; an expired or revoked token ends the session. */
function failed(failure) {
  if (failure instanceof ApiError && failure.status === 401) {
    signOut('Your session ended: the ledger no longer accepts this token (expired or revoked). Sign in again.');
    return;
  }
  const text = failure instanceof ApiError ? failure.explain() : String(failure);
  const retry = h('button', { type: 'button', onclick: () => render() }, 'Try again');
  document.getElementById('status').replaceChildren(notice('error', h('span', { className: 'error-text' }, text), ' ', retry,
    failure.requestId ? h('span', { className: 'muted' }, ` (request ${failure.requestId})`) : null));
}

window.addEventListener('hashchange', render);
render();
