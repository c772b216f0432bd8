// The TypedActors observer page. It opens one server-sent event stream of frames (one per sample interval, each with
// the report of every process) and asks for the supervision tree and actor state on demand. Everything it shows is
// set as text, never as markup: class names, messages and stack traces come from the application.
import { element, number, lineChart, stackedBars, legend } from './charts.js';

(() => {
  const HISTORY = 120;          // points kept for the charts: two minutes at the default interval
  const CHART_TYPES = 5;        // classes drawn in the chart of actor counts
  const LATEST = 25;            // dead letters listed
  const PALETTE = ['#2f6fde', '#e07b00', '#2e7d32', '#8e24aa', '#c62828', '#00838f', '#6d4c41', '#546e7a'];

  const page = {
    session: { actions: false, treePage: 200 },
    sort: { key: 'queued', descending: true },
    busiest: [],
    typeHistory: [],            // { counts: Map(class -> actors), total }
    deadHistory: [],            // { reasons: Map(reason -> dead letters in the interval) }
    deadTotals: new Map(),      // process -> last cumulative counts by reason
    reasonColours: new Map(),
    nodes: [],
    expanded: new Set(),        // tree keys (process|handle) that are open
    limits: new Map(),          // tree key -> how many children are shown
    treeText: new Map(),        // tree key -> last answer, to redraw only what changed
    treeData: new Map(),        // tree key -> last answer, parsed
    treeBusy: false,
    selected: null,             // { node, handle }
    stateBusy: false,
    openFailures: new Set(),
  };

  const $ = (id) => document.getElementById(id);
  const time = (ms) => new Date(ms).toLocaleTimeString();
  const short = (handle) => handle ? handle.slice(0, 6) : '';

  async function request(url, options) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = body && (body.detail || body.title);
      throw new Error(detail || `The server answered ${response.status}.`);
    }
    return { status: response.status, body, text };
  }

  const api = (node, path) => `api/nodes/${encodeURIComponent(node)}/${path}`;

  // ---- the stream -------------------------------------------------------------------------------------------------

  function connect() {
    const source = new EventSource('events');
    source.addEventListener('open', () => setConnection('live', 'live'));
    source.addEventListener('error', () => setConnection('lost', 'reconnecting…'));
    source.addEventListener('frame', (event) => {
      setConnection('live', 'live');
      onFrame(JSON.parse(event.data));
    });
  }

  function setConnection(kind, text) {
    const badge = $('connection');
    badge.className = `connection ${kind}`;
    badge.textContent = text;
  }

  function onFrame(frame) {
    page.nodes = frame.nodes.map((node) => node.node);
    $('nodes').textContent = frame.nodes.length > 1 ? `${frame.nodes.length} processes: ${page.nodes.join(', ')}` : '';
    const unreachable = $('unreachable');
    unreachable.hidden = frame.unreachable.length === 0;
    unreachable.textContent = frame.unreachable.map((u) => `${u.node}: ${u.problem}`).join(' · ');

    renderTotals(frame.nodes);
    renderTypes(frame.nodes);
    page.busiest = frame.nodes.flatMap((node) => node.busiest.map((row) => ({ ...row, node: node.node, actions: node.actions })));
    renderBusiest();
    renderDeadLetters(frame.nodes);
    renderFailures(frame.nodes);
    refreshTree();
    refreshDetail();
  }

  function setTotal(id, value) {
    const target = $(id);
    target.textContent = number(value);
    target.dataset.value = String(value);
  }

  function renderTotals(nodes) {
    const sum = (pick) => nodes.reduce((total, node) => total + pick(node), 0);
    setTotal('total-actors', sum((n) => n.actors));
    setTotal('total-queued', sum((n) => n.queued));
    setTotal('total-rate', Math.round(sum((n) => n.rate) * 10) / 10);
    setTotal('total-dead', sum((n) => n.deadLetters.total));
    setTotal('total-failures', sum((n) => n.failures));
  }

  // ---- actors by class ------------------------------------------------------------------------------------------

  function renderTypes(nodes) {
    const types = new Map();
    let more = 0;
    for (const node of nodes) {
      more += node.moreTypes;
      for (const t of node.types) {
        const entry = types.get(t.type) || { type: t.type, count: 0, queued: 0, rate: 0 };
        entry.count += t.count;
        entry.queued += t.queued;
        entry.rate += t.rate;
        types.set(t.type, entry);
      }
    }

    const rows = [...types.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
    $('types-body').replaceChildren(...rows.map((t) => element('tr', { 'data-testid': `type-${t.type}` },
      element('td', {}, t.type),
      element('td', { class: 'num', 'data-testid': `type-count-${t.type}`, 'data-value': t.count }, number(t.count)),
      element('td', { class: 'num' }, number(t.queued)),
      element('td', { class: 'num' }, number(t.rate)))));
    $('more-types').hidden = more === 0;
    $('more-types').textContent = `${number(more)} more classes not shown.`;

    page.typeHistory.push({ counts: new Map(rows.map((t) => [t.type, t.count])), total: rows.reduce((s, t) => s + t.count, 0) });
    if (page.typeHistory.length > HISTORY) page.typeHistory.shift();
    drawTypeChart(rows.slice(0, CHART_TYPES).map((t) => t.type));
  }

  function drawTypeChart(classes) {
    const colourOf = (name) => PALETTE[classes.indexOf(name) % PALETTE.length];
    $('types-chart').replaceChildren(
      lineChart('Actors by class over time', page.typeHistory.map((point) => point.counts), classes, colourOf, HISTORY),
      legend(classes, colourOf));
  }

  // ---- busiest actors -------------------------------------------------------------------------------------------

  function renderBusiest() {
    const { key, descending } = page.sort;
    const rows = [...page.busiest].sort((a, b) => {
      const order = typeof a[key] === 'number' ? a[key] - b[key] : String(a[key]).localeCompare(String(b[key]));
      return descending ? -order : order;
    });
    for (const th of document.querySelectorAll('table.sortable th')) {
      th.classList.toggle('sorted', th.dataset.sort === key);
      th.classList.toggle('ascending', th.dataset.sort === key && !descending);
    }
    $('busiest-body').replaceChildren(...rows.map((row) => element('tr', {
      class: 'clickable', 'data-testid': 'busiest-row', 'data-type': row.type, 'data-handle': row.handle,
      onclick: () => select(row.node, row.handle, row.type),
    },
      element('td', {}, row.type),
      element('td', { class: 'handle' }, short(row.handle)),
      element('td', {}, row.node),
      element('td', { class: `status-${row.status}` }, row.status),
      element('td', { class: 'num', 'data-testid': 'busiest-queued', 'data-value': row.queued }, number(row.queued)),
      element('td', { class: 'num', 'data-value': row.rate }, number(row.rate)))));
  }

  function sortBy(key) {
    page.sort = page.sort.key === key ? { key, descending: !page.sort.descending } : { key, descending: key === 'queued' || key === 'rate' };
    renderBusiest();
  }

  // ---- dead letters ---------------------------------------------------------------------------------------------

  function renderDeadLetters(nodes) {
    const interval = new Map();
    for (const node of nodes) {
      const previous = page.deadTotals.get(node.node);
      for (const [reason, count] of Object.entries(node.deadLetters)) {
        if (reason === 'total') continue;
        const before = previous ? previous[reason] || 0 : count;  // a process seen for the first time adds nothing yet
        const delta = count >= before ? count - before : count;   // counts restart when a process stops watching
        if (delta > 0) interval.set(reason, (interval.get(reason) || 0) + delta);
      }
      page.deadTotals.set(node.node, node.deadLetters);
    }

    page.deadHistory.push({ reasons: interval });
    if (page.deadHistory.length > HISTORY) page.deadHistory.shift();
    drawDeadChart();

    const latest = nodes.flatMap((node) => node.recentDeadLetters.map((d) => ({ ...d, node: node.node }))).sort((a, b) => b.time - a.time).slice(0, LATEST);
    $('dead-body').replaceChildren(...latest.map((dead) => element('tr', { 'data-testid': 'dead-letter', 'data-reason': dead.reason },
      element('td', {}, time(dead.time)),
      element('td', {}, dead.reason),
      element('td', {}, dead.message),
      element('td', {}, reference(dead.recipient, dead.node)),
      element('td', {}, dead.sender ? reference(dead.sender, dead.node) : ''))));
  }

  function reasonColour(reason) {
    if (!page.reasonColours.has(reason)) page.reasonColours.set(reason, PALETTE[page.reasonColours.size % PALETTE.length]);
    return page.reasonColours.get(reason);
  }

  function drawDeadChart() {
    $('dead-chart').replaceChildren(stackedBars('Dead letters per interval by reason', page.deadHistory.map((point) => point.reasons), reasonColour, HISTORY));
    $('dead-legend').replaceChildren(legend([...page.reasonColours.keys()], reasonColour));
  }

  // ---- failures -------------------------------------------------------------------------------------------------

  function renderFailures(nodes) {
    const failures = nodes.flatMap((node) => node.recentFailures.map((f) => ({ ...f, node: node.node })))
      .sort((a, b) => b.time - a.time).slice(0, LATEST);
    if (failures.length === 0) return;
    $('failures').replaceChildren(...failures.map((failure) => {
      const key = `${failure.node}|${failure.time}|${failure.actor.handle || failure.actor.type}`;
      const details = element('details', { 'data-testid': 'failure', open: page.openFailures.has(key),
        ontoggle: () => (details.open ? page.openFailures.add(key) : page.openFailures.delete(key)) },
        element('summary', {}, `${time(failure.time)} `, reference(failure.actor, failure.node), ' ',
          element('span', { class: 'exception' }, failure.exception || 'failed'), `: ${failure.message || ''}`),
        element('pre', { 'data-testid': 'failure-stack' }, failure.stackTrace || '(no stack trace)'));
      return details;
    }));
  }

  /** An actor as written in a report: its class, and its handle while it lives (a link to it on this process). */
  function reference(actor, node) {
    if (!actor) return '';
    if (actor.remote) return `${actor.type} (elsewhere)`;
    if (!actor.handle) return `${actor.type} (gone)`;
    const where = node || page.nodes[0];
    return element('button', { type: 'button', class: 'link', onclick: (event) => { event.stopPropagation(); select(where, actor.handle, actor.type); } },
      `${actor.type} `, element('span', { class: 'handle' }, short(actor.handle)));
  }

  // ---- supervision tree -----------------------------------------------------------------------------------------

  const GROUP_ABOVE = 20;       // a level with more actors than this (of several classes) is shown by class first
  const treeKey = (node, handle, type) => `${node}|${handle || ''}|${type || ''}`;

  async function loadLevel(key) {
    const [node, handle, type] = key.split('|');
    const limit = page.limits.get(key) || Math.min(100, page.session.treePage);
    const query = new URLSearchParams({ limit: String(limit) });
    if (handle) query.set('parent', handle);
    if (type) query.set('type', type);
    try {
      const answer = await request(`${api(node, 'tree')}?${query}`);
      const changed = page.treeText.get(key) !== answer.text;
      page.treeText.set(key, answer.text);
      page.treeData.set(key, answer.body);
      return changed;
    } catch (error) {
      page.treeData.delete(key);
      page.treeText.delete(key);
      page.expanded.delete(key);
      return true;
    }
  }

  async function refreshTree() {
    if (page.treeBusy) return;
    page.treeBusy = true;
    try {
      const keys = [...page.nodes.map((node) => treeKey(node)), ...page.expanded];
      const changed = await Promise.all(keys.map(loadLevel));
      if (changed.some(Boolean) || $('tree').childElementCount === 0) drawTree();
    } finally {
      page.treeBusy = false;
    }
  }

  function drawTree() {
    const many = page.nodes.length > 1;
    $('tree').replaceChildren(...page.nodes.flatMap((node) => [
      many ? element('div', { class: 'node-title' }, node) : null,
      drawLevel(node, '', ''),
    ]).filter(Boolean));
  }

  function toggleButton(key, open, label) {
    return element('button', { type: 'button', class: 'toggle', 'aria-expanded': open ? 'true' : 'false', 'aria-label': `${open ? 'Collapse' : 'Expand'} ${label}`,
      onclick: () => toggle(key) }, open ? '▾' : '▸');
  }

  function drawLevel(node, handle, type) {
    const level = page.treeData.get(treeKey(node, handle, type));
    if (!level) return element('p', { class: 'note' }, 'Loading…');
    if (!type && level.groups.length > 1 && level.total > GROUP_ABOVE) {
      // A crowded level: one expandable row per class.
      return element('ul', {}, level.groups.map((group) => {
        const key = treeKey(node, handle, group.type);
        const open = page.expanded.has(key);
        return element('li', { 'data-testid': 'tree-group', 'data-type': group.type },
          element('div', { class: 'row' }, toggleButton(key, open, group.type), element('strong', {}, group.type), element('span', {}, `× ${number(group.count)}`)),
          open ? drawLevel(node, handle, group.type) : null);
      }));
    }

    const items = level.actors.map((actor) => {
      const key = treeKey(node, actor.handle);
      const open = page.expanded.has(key);
      const relations = [
        actor.links.length ? `linked to ${actor.links.map(describe).join(', ')}` : '',
        actor.monitors.length ? `monitors ${actor.monitors.map(describe).join(', ')}` : '',
        actor.monitoredBy.length ? `monitored by ${actor.monitoredBy.map(describe).join(', ')}` : '',
      ].filter(Boolean).join(' · ');
      return element('li', { 'data-testid': 'tree-actor', 'data-type': actor.type, 'data-handle': actor.handle },
        element('div', { class: 'row' },
          actor.children > 0 ? toggleButton(key, open, `${actor.type} ${short(actor.handle)}`) : element('span', { class: 'toggle' }),
          element('button', { type: 'button', class: 'link', 'data-testid': 'tree-open', onclick: () => select(node, actor.handle, actor.type) },
            `${actor.type} `, element('span', { class: 'handle' }, short(actor.handle))),
          element('span', { class: `status-${actor.status}` }, actor.status),
          element('span', {}, `queued ${number(actor.queued)}`),
          actor.children > 0 ? element('span', {}, `${number(actor.children)} children`) : null,
          relations ? element('span', { class: 'relations' }, relations) : null),
        open ? drawLevel(node, actor.handle, '') : null);
    });
    const shown = level.offset + level.actors.length;
    const key = treeKey(node, handle, type);
    const more = shown < level.total && shown < page.session.treePage
      ? element('li', { class: 'more' }, element('button', { type: 'button', class: 'link', onclick: () => showMore(key) },
          `Show more (${number(shown)} of ${number(level.total)})`))
      : (shown < level.total ? element('li', { class: 'more note' }, `${number(shown)} of ${number(level.total)} shown`) : null);
    return element('ul', {}, items, more);
  }

  const describe = (actor) => actor.remote ? `${actor.type} (elsewhere)` : `${actor.type} ${short(actor.handle)}`.trim();

  async function toggle(key) {
    if (page.expanded.has(key)) page.expanded.delete(key);
    else {
      page.expanded.add(key);
      await loadLevel(key);
    }
    drawTree();
  }

  async function showMore(key) {
    const current = page.limits.get(key) || Math.min(100, page.session.treePage);
    page.limits.set(key, Math.min(current + 100, page.session.treePage));
    await loadLevel(key);
    drawTree();
  }

  // ---- one actor ------------------------------------------------------------------------------------------------

  function select(node, handle, type) {
    page.selected = { node, handle, type };
    $('detail').hidden = false;
    $('detail-title').textContent = `${type} ${short(handle)}`;
    $('detail-message').textContent = '';
    $('detail-state').textContent = 'Loading…';
    $('detail-actions').hidden = !page.session.actions;
    refreshDetail();
  }

  async function refreshDetail() {
    const selected = page.selected;
    if (!selected || page.stateBusy) return;
    const row = page.busiest.find((r) => r.handle === selected.handle)
      || [...page.treeData.values()].flatMap((level) => level.actors).find((a) => a.handle === selected.handle);
    $('detail-facts').replaceChildren(
      element('dt', {}, 'Process'), element('dd', {}, selected.node),
      element('dt', {}, 'Class'), element('dd', {}, selected.type),
      element('dt', {}, 'Handle'), element('dd', { class: 'handle' }, selected.handle),
      ...(row ? [element('dt', {}, 'Status'), element('dd', {}, row.status),
        element('dt', {}, 'Queued'), element('dd', {}, number(row.queued)),
        element('dt', {}, 'Messages / s'), element('dd', {}, number(row.rate))] : []));
    page.stateBusy = true;
    try {
      const answer = await request(api(selected.node, `actors/${encodeURIComponent(selected.handle)}/state`));
      if (page.selected === selected) $('detail-state').textContent = JSON.stringify(answer.body, null, 2);
    } catch (error) {
      if (page.selected === selected) $('detail-state').textContent = error.message;
    } finally {
      page.stateBusy = false;
    }
  }

  async function act(operation) {
    const selected = page.selected;
    if (!selected || !window.confirm(`${operation === 'kill' ? 'Kill' : 'Stop'} ${selected.type} ${short(selected.handle)}?`)) return;
    try {
      const answer = await request(api(selected.node, `actors/${encodeURIComponent(selected.handle)}/${operation}`), {
        method: 'POST', headers: { Accept: 'application/json', 'X-Observer-Action': operation },
      });
      $('detail-message').textContent = answer.status === 204
        ? (operation === 'kill' ? 'Killed.' : 'Stopped.')
        : `Asked to ${operation}; the actor is still finishing its current message.`;
    } catch (error) {
      $('detail-message').textContent = error.message;
    }
  }

  async function start() {
    $('detail-close').addEventListener('click', () => { page.selected = null; $('detail').hidden = true; });
    $('action-stop').addEventListener('click', () => act('stop'));
    $('action-kill').addEventListener('click', () => act('kill'));
    for (const th of document.querySelectorAll('table.sortable th')) th.addEventListener('click', () => sortBy(th.dataset.sort));
    try {
      page.session = (await request('api/session')).body;
    } catch (error) {
      setConnection('lost', error.message);
      return;
    }
    document.body.dataset.actions = String(page.session.actions);
    connect();
  }

  start();
})();
