// The organization's view: its executions (filters, counts, pages), one execution with its
// history as a timeline and its state as of any point of it, and the reconciliation list.
import { badge, empty, go, h, json, notice, show, table, when } from './ui.js';

const STATUSES = ['awaiting_payment', 'payment_confirmed', 'workflow_queued', 'workflow_running',
  'workflow_waiting', 'workflow_succeeded', 'workflow_failed', 'workflow_cancelled'];
const TEXT_FILTERS = [
  ['paymentStatus', 'Payment status', 'paid, failed'],
  ['workflowId', 'Workflow', 'wf_…'],
  ['sourceSystem', 'Source system', 'payments'],
  ['initiatedById', 'Initiated by', 'user_…'],
  ['createdAfter', 'Created after', '2026-11-01T00:00:00Z'],
  ['createdBefore', 'Created before', '2026-12-01T00:00:00Z'],
];
const FIELDS = ['id', 'organizationId', 'status', 'paymentStatus', 'statusReason', 'workflowId', 'runId',
  'sourceSystem', 'initiatedById', 'initiatedByType', 'sourceEntityType', 'sourceEntityId', 'externalRef',
  'idempotencyKey', 'orderId', 'checkoutSessionId', 'createdAt', 'startedAt', 'finishedAt', 'updatedAt',
  'requestPayload', 'responsePayload', 'clientSafeMetadata'];
const INSTANTS = new Set(['createdAt', 'startedAt', 'finishedAt', 'updatedAt']);

export async function executions(context) {
  const { path } = context;
  if (path.startsWith('/executions/')) {
    await execution(context, decodeURIComponent(path.slice('/executions/'.length)));
    return;
  }
  await executionList(context);
}

async function executionList({ api, params }) {
  const filters = new URLSearchParams();
  for (const name of ['status', 'limit', 'cursor', ...TEXT_FILTERS.map(([name]) => name)]) {
    if (params.get(name)) filters.set(name, params.get(name));
  }
  const [counts, page] = await Promise.all([
    api.query('/v1/execution-counts'),
    api.query('/v1/executions?' + filters),
  ]);
  const chosen = new Set((params.get('status') || '').split(',').filter(Boolean));
  const withFilter = changes => {
    const next = new URLSearchParams(filters);
    next.delete('cursor');
    next.delete('back');
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value); else next.delete(name);
    }
    return next;
  };
  const countButtons = h('div', { className: 'counts', role: 'group', 'aria-label': 'Counts by status' },
    h('button', { type: 'button', 'aria-pressed': String(chosen.size === 0), onclick: () => go('/executions', withFilter({ status: '' })) },
      `all ${counts.data.total}`),
    STATUSES.map(status => h('button', {
      type: 'button', 'data-status': status, 'aria-pressed': String(chosen.has(status)),
      onclick: () => go('/executions', withFilter({ status })),
    }, `${status.replace(/_/g, ' ')} ${counts.data.byStatus[status] ?? 0}`)));

  const form = h('form', {
    className: 'filters', id: 'filters', 'aria-label': 'Filters',
    onsubmit: event => {
      event.preventDefault();
      const data = new FormData(event.target);
      const next = new URLSearchParams();
      const statuses = data.getAll('status');
      if (statuses.length) next.set('status', statuses.join(','));
      for (const [name] of TEXT_FILTERS) {
        const value = String(data.get(name) || '').trim();
        if (value) next.set(name, value);
      }
      if (data.get('limit') !== '20') next.set('limit', data.get('limit'));
      go('/executions', next);
    },
  },
  h('fieldset', {}, h('legend', {}, 'Status'),
    STATUSES.map(status => h('label', {}, h('input', { type: 'checkbox', name: 'status', value: status, checked: chosen.has(status) }),
      status.replace(/_/g, ' ')))),
  TEXT_FILTERS.map(([name, label, placeholder]) => h('label', {}, label,
    h('input', { name, id: `filter-${name}`, value: params.get(name) || '', placeholder, autocomplete: 'off' }))),
  h('label', {}, 'Per page', h('select', { name: 'limit' },
    ['20', '50', '100'].map(n => h('option', { value: n, selected: (params.get('limit') || '20') === n }, n)))),
  h('div', { className: 'actions' },
    h('button', { type: 'submit', className: 'primary', id: 'apply-filters' }, 'Apply'),
    h('button', { type: 'button', onclick: () => go('/executions') }, 'Clear')));

  const items = page.data.items;
  const rows = items.map(item => [
    h('a', { href: `#/executions/${encodeURIComponent(item.id)}`, className: 'mono' }, item.id),
    badge(item.status), item.paymentStatus, item.workflowId, item.sourceSystem, when(item.createdAt), when(item.updatedAt)]);
  const back = (params.get('back') || '').split(' ').filter(Boolean); // the cursors of the pages before, this tab only
  const pager = h('nav', { className: 'pager', 'aria-label': 'Pages' },
    h('button', {
      type: 'button', id: 'previous-page', disabled: !params.get('cursor'),
      onclick: () => {
        const next = new URLSearchParams(filters);
        const previous = back.pop();
        if (previous && previous !== '-') next.set('cursor', previous); else next.delete('cursor');
        if (back.length) next.set('back', back.join(' ')); else next.delete('back');
        go('/executions', next);
      },
    }, '← Previous'),
    h('span', { className: 'muted' }, `Page ${back.length + 1}`),
    h('button', {
      type: 'button', id: 'next-page', disabled: !page.data.hasMore,
      onclick: () => {
        const next = new URLSearchParams(filters);
        next.set('cursor', page.data.nextCursor);
        next.set('back', [...back, params.get('cursor') || '-'].join(' '));
        go('/executions', next);
      },
    }, 'Next →'));

  // folded at phone width unless a filter is set, so that the list comes first
  const filtering = [...filters.keys()].some(name => !['limit', 'cursor', 'back'].includes(name));
  const filterBox = h('details', { className: 'filter-box', open: filtering || matchMedia('(min-width: 761px)').matches },
    h('summary', {}, 'Filters'), form);
  show(h('h1', {}, 'Executions'), countButtons, filterBox,
    items.length
      ? table(['Execution', 'Status', 'Payment', 'Workflow', 'Source', 'Created', 'Updated'], rows, 'Executions')
      : empty(chosen.size || [...filters.keys()].some(k => k !== 'limit')
        ? 'No execution matches these filters.' : 'No executions yet: they appear here as the ledger projects them.'),
    pager,
    h('p', { className: 'muted' }, `As of ledger position ${page.position ?? '—'}.`));
}

async function execution({ api }, id) {
  const path = `/v1/executions/${encodeURIComponent(id)}`;
  const [now, entries] = await Promise.all([api.query(path), history(api, path)]);
  const asOfPanel = h('section', { className: 'panel', id: 'as-of', 'aria-live': 'polite' },
    h('p', { className: 'muted' }, 'Choose a point of the timeline to see the execution as the ledger knew it then.'));
  const timeline = h('ol', { className: 'timeline', id: 'timeline', 'aria-label': 'History in arrival order' },
    entries.map((entry, index) => timelineEntry(entry, index, async item => {
      timeline.querySelectorAll('li.selected').forEach(li => li.classList.remove('selected'));
      item.classList.add('selected');
      try {
        const then = await api.query(`${path}?asOf=${encodeURIComponent(entry.arrivedAt)}`);
        asOfPanel.replaceChildren(h('h2', {}, `As of ${entry.arrivedAt} (after #${index + 1})`), fieldList(then.data, 'as-of-fields'));
      } catch (failure) {
        asOfPanel.replaceChildren(notice('error', failure.status === 404
          ? `The execution did not exist yet as of ${entry.arrivedAt}: nothing had been appended for it.`
          : failure.explain()));
      }
    })));
  show(h('p', {}, h('a', { href: '#/executions' }, '← Executions')),
    h('h1', {}, 'Execution ', h('span', { className: 'mono' }, id)),
    h('div', { className: 'columns' },
      h('section', { 'aria-labelledby': 'now-title' }, h('h2', { id: 'now-title' }, 'Now'), fieldList(now.data, 'fields')),
      h('section', { 'aria-labelledby': 'history-title' },
        h('h2', { id: 'history-title' }, `History (${entries.length} arrivals)`), asOfPanel, timeline)));
}

/** Every page of the execution's history, in arrival order. */
async function history(api, path) {
  const entries = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api.query(`${path}/events?limit=100&offset=${offset}`);
    entries.push(...page.data.items);
    if (!page.data.hasMore || offset >= 10000) return entries;
  }
}

function timelineEntry(entry, index, onAsOf) {
  const envelope = entry.envelope || {};
  const act = entry.operatorAct;
  const item = h('li', { className: entry.outcome, 'data-outcome': entry.outcome, 'data-position': entry.position ?? '' },
    h('div', { className: 'head' },
      h('strong', {}, `#${index + 1}`), badge(entry.outcome), h('span', { className: 'event-type' }, envelope.type
        || (entry.outcome === 'duplicate' ? `again: event ${envelope.eventId}` : `event ${envelope.eventId ?? 'without an id'}`)),
      h('span', { className: 'muted' }, when(entry.arrivedAt)),
      entry.position !== null && entry.position !== undefined ? h('span', { className: 'muted' }, `position ${entry.position}`) : null),
    h('div', { className: 'effect' }, entry.effect || ''),
    envelope.eventId ? h('div', { className: 'muted mono' }, `event ${envelope.eventId}, occurred ${envelope.occurredAt || '?'}, from ${envelope.sourceSystem || '?'}`) : null,
    act ? h('div', { className: 'operator-act' }, badge('operator', 'ok'), ` ${act.act} of dead letter ${act.deadLetterId} by ${act.by} at ${act.at}`) : null);
  item.append(h('button', { type: 'button', className: 'as-of-button', onclick: () => onAsOf(item) }, 'State as of here'));
  return item;
}

function fieldList(execution, id) {
  return h('dl', { className: 'fields', id },
    FIELDS.map(name => [h('dt', {}, name), h('dd', { 'data-field': name },
      execution[name] !== null && typeof execution[name] === 'object' ? json(execution[name])
        : INSTANTS.has(name) ? when(execution[name])
          : name === 'status' ? badge(execution[name]) : execution[name] ?? '—')]));
}

export async function reconciliation({ api, params }) {
  const query = new URLSearchParams();
  for (const name of ['rule', 'graceMinutes', 'cursor']) {
    if (params.get(name)) query.set(name, params.get(name));
  }
  const page = await api.query('/v1/reconciliation?' + query);
  const rules = ['paid_not_queued', 'started_unpaid', 'failed_unrefunded', 'refunded_succeeded'];
  const form = h('form', {
    className: 'filters', onsubmit: event => {
      event.preventDefault();
      const data = new FormData(event.target);
      const next = new URLSearchParams();
      if (data.get('rule')) next.set('rule', data.get('rule'));
      if (data.get('graceMinutes')) next.set('graceMinutes', data.get('graceMinutes'));
      go('/reconciliation', next);
    },
  },
  h('label', {}, 'Rule', h('select', { name: 'rule' }, h('option', { value: '' }, 'every rule'),
    rules.map(rule => h('option', { value: rule, selected: params.get('rule') === rule }, rule.replace(/_/g, ' '))))),
  h('label', {}, 'Grace (minutes) for paid but not queued',
    h('input', { name: 'graceMinutes', type: 'number', min: 0, max: 10080, value: params.get('graceMinutes') || '15' })),
  h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, 'Apply')));
  const items = page.data.items;
  show(h('h1', {}, 'Reconciliation'),
    h('p', { className: 'muted' }, 'Executions whose payment and workflow disagree, most recent first.'), form,
    items.length ? table(['Execution', 'Rule', 'Since', 'Status', 'Payment'], items.map(({ rule, since, execution }) => [
      h('a', { href: `#/executions/${encodeURIComponent(execution.id)}`, className: 'mono' }, execution.id),
      badge(rule.replace(/_/g, ' '), 'bad'), when(since), badge(execution.status), execution.paymentStatus]), 'Findings')
      : empty('Nothing to reconcile: payment and workflow agree for every execution.'),
    h('nav', { className: 'pager', 'aria-label': 'Pages' },
      params.get('cursor') ? h('button', { type: 'button', onclick: () => window.history.back() }, '← Previous') : null,
      page.data.hasMore && page.data.nextCursor ? h('button', {
        type: 'button', onclick: () => {
          const next = new URLSearchParams(query);
          next.set('cursor', page.data.nextCursor);
          go('/reconciliation', next);
        },
      }, 'Next →') : null));
}
