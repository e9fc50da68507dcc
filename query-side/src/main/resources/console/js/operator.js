// The operator's view: dead letters (and their re-drive), executions the projection set aside,
// the read model's rebuild, and the ledger's digest with its verification.
import { badge, confirmAct, empty, h, json, notice, show, table, when } from './ui.js';

export async function deadLetters({ api, session, params, failed }) {
  if (!session.commandSideUrl) {
    show(h('h1', {}, 'Dead letters'), notice('info',
      'This query side was not told where the command side is (ledger.console.command-side-url), so its dead letters cannot be shown here.'));
    return;
  }
  const open = params.get('open') !== 'false';
  const page = await api.command(`/admin/dead-letters?open=${open}&limit=100`);
  const letters = page.data;
  const toggle = h('div', { className: 'actions' },
    h('a', { href: '#/dead-letters', 'aria-current': open ? 'page' : null }, 'Open'),
    h('a', { href: '#/dead-letters?open=false', 'aria-current': open ? null : 'page' }, 'Re-driven'));
  const detail = h('section', { id: 'dead-letter', 'aria-live': 'polite' });
  const rows = letters.map(letter => [
    h('span', { className: 'mono' }, String(letter.id)), when(letter.receivedAt), h('span', { className: 'reason' }, letter.reason),
    h('span', { className: 'mono' }, letter.source),
    letter.executionId ? h('span', { className: 'mono' }, letter.executionId) : '—',
    letter.redrivenAt ? h('span', {}, 'by ', letter.redrivenBy, ' at ', when(letter.redrivenAt)) : '—',
    h('button', {
      type: 'button', className: 'open-dead-letter', 'data-id': letter.id,
      onclick: () => showLetter(api, letter.id, detail, failed),
    }, 'Payload and re-drive')]);
  show(h('h1', {}, 'Dead letters'),
    h('p', { className: 'muted' }, 'Events the ledger could not take, with why. A re-drive ingests them again, as they are or corrected.'),
    toggle,
    letters.length ? table(['Id', 'Received', 'Reason', 'Source', 'Execution', 'Re-driven', ''], rows, 'Dead letters')
      : empty(open ? 'No open dead letters: every event delivered is in the ledger or recognised as a duplicate.' : 'Nothing re-driven yet.'),
    detail);
}

async function showLetter(api, id, detail, failed) {
  let answer;
  try {
    answer = await api.command(`/admin/dead-letters/${id}`);
  } catch (failure) {
    failed(failure);
    return;
  }
  const { letter, payload, payloadTruncated } = answer.data;
  const body = h('textarea', { id: 'redrive-body', rows: 12, 'aria-label': 'Body to re-drive' }, pretty(payload));
  const result = h('div', { id: 'redrive-result', 'aria-live': 'polite' });
  const redrive = async corrected => {
    const text = corrected ? body.value : undefined;
    if (corrected) {
      try {
        JSON.parse(text);
      } catch (problem) {
        result.replaceChildren(notice('error', `The corrected body is not JSON: ${problem.message}`));
        return;
      }
    }
    const confirmed = await confirmAct(`Re-drive dead letter ${id}?`,
      corrected ? 'The corrected body is ingested in its place; the original bytes are kept with the re-drive.'
        : 'Its bytes are ingested again as they arrived.', 'Re-drive');
    if (!confirmed) return;
    try {
      const outcome = await api.command(`/admin/dead-letters/${id}/redrive`, 'POST', text);
      result.replaceChildren(notice('ok', `Re-driven: ${outcome.data.outcome}`,
        outcome.data.reason ? ` (${outcome.data.reason})` : '',
        outcome.data.executionId ? [' — ', h('a', { href: `#/executions/${encodeURIComponent(outcome.data.executionId)}` }, 'its execution')] : ''));
    } catch (failure) {
      result.replaceChildren(notice('error', failure.explain ? failure.explain() : String(failure)));
    }
  };
  detail.replaceChildren(h('h2', {}, `Dead letter ${id}`),
    h('dl', { className: 'fields' },
      h('dt', {}, 'Reason'), h('dd', {}, letter.reason),
      h('dt', {}, 'Source'), h('dd', { className: 'mono' }, letter.source),
      h('dt', {}, 'Event'), h('dd', { className: 'mono' }, letter.eventId ?? '—'),
      h('dt', {}, 'Size'), h('dd', {}, letter.payloadBytes < 0 ? 'a tombstone (no bytes)' : `${letter.payloadBytes} bytes`
        + (payloadTruncated ? ' (the first MiB is shown)' : ''))),
    h('label', { for: 'redrive-body' }, 'Payload (edit it to re-drive a corrected body)'), body,
    h('div', { className: 'actions' },
      h('button', { type: 'button', id: 'redrive-as-is', disabled: !!letter.redrivenAt, onclick: () => redrive(false) }, 'Re-drive as it arrived'),
      h('button', { type: 'button', id: 'redrive-corrected', className: 'primary', disabled: !!letter.redrivenAt, onclick: () => redrive(true) }, 'Re-drive corrected')),
    result);
  body.focus();
}

function pretty(payload) {
  if (payload === null || payload === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

export async function setAside({ api, failed }) {
  const page = await api.query('/admin/set-aside');
  const items = page.data;
  const result = h('div', { 'aria-live': 'polite' });
  const retry = async path => {
    try {
      const answer = await api.query(path, 'POST');
      result.replaceChildren(notice('ok', `Tried again: ${JSON.stringify(answer.data)}`));
    } catch (failure) {
      failed(failure);
    }
  };
  show(h('h1', {}, 'Executions set aside'),
    h('p', { className: 'muted' }, 'Executions whose read-model row the projection could not write. They are tried again every minute.'),
    items.length ? [table(['Execution', 'Organization', 'Reason', 'Since', 'Attempts', ''], items.map(item => [
      h('span', { className: 'mono' }, item.executionId), item.organizationId, item.reason, when(item.setAsideAt), String(item.attempts),
      h('button', { type: 'button', onclick: () => retry(`/admin/set-aside/${encodeURIComponent(item.executionId)}/retry`) }, 'Try again')]),
    'Set aside'), h('div', { className: 'actions' }, h('button', { type: 'button', onclick: () => retry('/admin/set-aside/retry') }, 'Try all again'))]
      : empty('Nothing set aside: every execution\'s row is written.'),
    result);
}

export async function rebuild({ api, failed }) {
  const panel = h('section', { id: 'rebuild', 'aria-live': 'polite' });
  let timer = null;
  const draw = progress => {
    const comparison = progress.comparison;
    panel.replaceChildren(
      h('p', {}, 'State: ', badge(progress.state, progress.state === 'FAILED' ? 'bad' : progress.state === 'COMPARED' || progress.state === 'SWAPPED' ? 'ok' : 'info')),
      progress.state === 'RUNNING' ? h('progress', { max: progress.eventsTotal || 1, value: progress.eventsRead }) : null,
      h('dl', { className: 'fields' },
        h('dt', {}, 'Events read'), h('dd', {}, `${progress.eventsRead} of ${progress.eventsTotal} (up to position ${progress.position})`),
        h('dt', {}, 'Executions written'), h('dd', {}, String(progress.executionsWritten)),
        h('dt', {}, 'Started'), h('dd', {}, when(progress.startedAt)),
        h('dt', {}, 'Finished'), h('dd', {}, when(progress.finishedAt)),
        h('dt', {}, 'Rate'), h('dd', {}, progress.eventsPerSecond ? `${Math.round(progress.eventsPerSecond)} events/s` : '—')),
      progress.error ? notice('error', progress.error) : null,
      comparison ? h('div', {},
        h('h2', {}, 'Compared with the live read model'),
        notice(comparison.differences === 0 ? 'ok' : 'error',
          comparison.differences === 0 ? `No differences: ${comparison.shadowRows} rows rebuilt, ${comparison.liveRows} live.`
            : `${comparison.differences} differences between ${comparison.shadowRows} rebuilt rows and ${comparison.liveRows} live.`),
        comparison.skippedChangedSince ? h('p', { className: 'muted' }, `${comparison.skippedChangedSince} executions changed since the rebuild's position were not compared.`) : null,
        comparison.firstDifferences.length ? table(['Execution', 'Kind', 'Columns'], comparison.firstDifferences.map(d =>
          [h('span', { className: 'mono' }, d.id), d.kind, (d.columns || []).join(', ')]), 'Differences') : null) : null,
      progress.setAside.length ? table(['Execution', 'Reason'], progress.setAside.map(f => [f.executionId, f.reason]), 'Rows set aside') : null,
      h('div', { className: 'actions' },
        h('button', { type: 'button', id: 'start-rebuild', disabled: progress.state === 'RUNNING', onclick: start }, 'Start a rebuild'),
        h('button', { type: 'button', id: 'swap-read-model', className: 'danger', disabled: progress.state !== 'COMPARED', onclick: swap }, 'Swap it in')));
    clearTimeout(timer);
    if (progress.state === 'RUNNING') timer = setTimeout(poll, 1000);
  };
  const poll = async () => {
    if (!document.body.contains(panel)) return; // the operator went elsewhere
    try {
      draw((await api.query('/admin/read-model/rebuild')).data);
    } catch (failure) {
      failed(failure);
    }
  };
  const start = async () => {
    try {
      draw((await api.query('/admin/read-model/rebuild', 'POST')).data);
    } catch (failure) {
      failed(failure);
    }
  };
  const swap = async () => {
    if (!await confirmAct('Swap in the rebuilt read model?', 'API clients read the rebuilt rows from then on; the live table is replaced.', 'Swap')) return;
    try {
      draw((await api.query('/admin/read-model/swap', 'POST')).data);
    } catch (failure) {
      failed(failure);
    }
  };
  show(h('h1', {}, 'Read-model rebuild'),
    h('p', { className: 'muted' }, 'Rebuilds the executions from the ledger into a shadow table, compares it with the live one, and swaps it in when you say so.'),
    panel);
  draw((await api.query('/admin/read-model/rebuild')).data);
}

export async function ledger({ api, failed }) {
  const kept = h('textarea', { id: 'kept-digest', rows: 6, 'aria-label': 'A digest kept earlier' });
  const result = h('section', { id: 'verification', 'aria-live': 'polite' });
  const digestPanel = h('section', { id: 'digest' });
  const verify = async () => {
    let body;
    try {
      body = JSON.parse(kept.value);
    } catch (problem) {
      result.replaceChildren(notice('error', `The kept digest is not JSON: ${problem.message}`));
      return;
    }
    try {
      const answer = (await api.query('/admin/ledger/verify', 'POST', body)).data;
      result.replaceChildren(answer.intact
        ? notice('ok', h('strong', { id: 'verify-verdict' }, 'Intact.'), ` The ledger up to position ${answer.recomputed.position} gives the kept digest.`)
        : notice('error', h('strong', { id: 'verify-verdict' }, 'Not intact.'), ' ',
          answer.firstBrokenLink ? `First broken link: execution ${answer.firstBrokenLink.executionId}, sequence ${answer.firstBrokenLink.sequence}, `
            + `position ${answer.firstBrokenLink.position}: ${answer.firstBrokenLink.problem}.` : `Expected ${answer.expectedDigest}, recomputed ${answer.recomputed.digest}.`),
        answer.differences && answer.differences.length ? table(['Execution', 'Sequence', 'Position', 'Problem'],
          answer.differences.map(d => [d.executionId, String(d.sequence ?? '—'), String(d.position ?? '—'), d.problem]), 'Differences') : null);
    } catch (failure) {
      failed(failure);
    }
  };
  const takeDigest = async () => {
    const digest = (await api.query('/admin/ledger/digest')).data;
    digestPanel.replaceChildren(h('dl', { className: 'fields' },
      h('dt', {}, 'Position'), h('dd', {}, String(digest.position)),
      h('dt', {}, 'Executions'), h('dd', {}, String(digest.executions)),
      h('dt', {}, 'Events'), h('dd', {}, String(digest.events)),
      h('dt', {}, 'Digest'), h('dd', { className: 'mono', id: 'digest-value' }, digest.digest)));
    if (!kept.value.trim()) kept.value = JSON.stringify(digest, null, 2);
  };
  show(h('h1', {}, 'Ledger digest'),
    h('p', { className: 'muted' }, 'The digest chains every event of every execution up to a position. Keep it; verifying the ledger against it later shows whether any event was changed or removed.'),
    digestPanel,
    h('div', { className: 'actions' }, h('button', { type: 'button', id: 'take-digest', onclick: () => takeDigest().catch(failed) }, 'Take the digest now')),
    h('h2', {}, 'Verify'),
    h('label', { for: 'kept-digest' }, 'A digest kept earlier (as the digest endpoint gave it)'), kept,
    h('div', { className: 'actions' }, h('button', { type: 'button', id: 'verify', className: 'primary', onclick: verify }, 'Verify the ledger')),
    result);
  await takeDigest();
}
