// The supervisor view: the outcome report of a period as figures, SVG bar charts and tables; CSV and CLU downloads.
const svgNs = 'http://www.w3.org/2000/svg';
const endingColors = { Resolved: '#1a9b55', Informed: '#5cc38a', HandedOff: '#2f6df6', Refused: '#f0a020', NotHolder: '#b07be0', NotFound: '#8c96aa',
  Cancelled: '#c9cfdb', Abandoned: '#e0584f', Failed: '#7a1f1f' };
const element = (tag, text, className) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (className) e.className = className; return e; };
const svg = (tag, attributes) => { const e = document.createElementNS(svgNs, tag); for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v); return e; };
const percent = rate => rate == null ? '-' : `${(rate * 100).toFixed(1)}%`;
const seconds = s => s == null ? '-' : s < 90 ? `${Math.round(s)}초` : `${(s / 60).toFixed(1)}분`;
const day = date => date.toLocaleDateString('sv-SE', { timeZone: 'Asia/Seoul' });

function table(id, header, rows) {
  const t = document.getElementById(id);
  const head = element('tr');
  head.append(...header.map(h => element('th', h)));
  t.replaceChildren(head, ...rows.map(r => { const tr = element('tr'); tr.append(...r.map(c => element('td', String(c)))); return tr; }));
  if (rows.length === 0) { const tr = element('tr'); const td = element('td', '해당 기간에 기록이 없습니다.'); td.colSpan = header.length; tr.append(td); t.append(tr); }
}

// Horizontal bars, one row per label; each row stacks its parts (a legend names the parts).
function bars(id, rows, parts, colors, names) {
  const rowHeight = 26, labelWidth = 150, width = 640;
  const max = Math.max(1, ...rows.map(r => parts.reduce((sum, p) => sum + (r.values[p] || 0), 0)));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 30}`, role: 'img', 'aria-label': document.getElementById(id).previousElementSibling?.textContent ?? '' });
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    const label = svg('text', { x: 0, y: y + 17, class: 'label' });
    label.textContent = row.label;
    chart.append(label);
    let x = labelWidth;
    for (const part of parts) {
      const value = row.values[part] || 0;
      if (value === 0) continue;
      const w = (width - labelWidth - 40) * value / max;
      const bar = svg('rect', { x, y: y + 4, width: Math.max(w, 1), height: rowHeight - 8, fill: colors[part] ?? '#2f6df6', 'data-part': part });
      const tip = svg('title', {});
      tip.textContent = `${row.label} · ${names[part] ?? part}: ${value}`;
      bar.append(tip);
      chart.append(bar);
      x += w;
    }
    const total = svg('text', { x: x + 4, y: y + 17, class: 'total' });
    total.textContent = parts.reduce((sum, p) => sum + (row.values[p] || 0), 0);
    chart.append(total);
  });
  const legend = element('div', undefined, 'legend');
  legend.append(...parts.filter(p => rows.some(r => r.values[p])).map(p => { const s = element('span', names[p] ?? p); s.dataset.color = colors[p] ?? ''; return s; }));
  document.getElementById(id).replaceChildren(chart, legend);
  for (const swatch of legend.children) { const dot = svg('svg', { width: 10, height: 10 }); dot.append(svg('rect', { width: 10, height: 10, fill: swatch.dataset.color || '#2f6df6' })); swatch.prepend(dot); }
}

async function load() {
  const from = document.getElementById('from').value, to = document.getElementById('to').value;
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  document.getElementById('csv').href = `/api/agent/supervisor/report.csv?${query}`;
  document.getElementById('clu').href = `/api/agent/supervisor/not-understood.clu.json?${query}`;
  const response = await fetch(`/api/agent/supervisor/report?${query}`);
  if (response.status === 401) { location.href = '/agent/login'; return; }
  const error = document.getElementById('error');
  if (!response.ok) { error.textContent = (await response.json()).detail ?? '조회하지 못했습니다.'; return; }
  error.textContent = '';
  const { report, labels } = await response.json();
  const flowName = id => id === '*' ? '전체' : labels.flows[id] ?? id;
  const all = report.overall;
  document.getElementById('conversations').textContent = report.conversations;
  document.getElementById('containment').textContent = percent(all.containmentRate);
  document.getElementById('resolutions').textContent = `${all.verified} / ${all.assumed}`;
  document.getElementById('csat').textContent = all.csatAverage == null ? `- (0)` : `${all.csatAverage.toFixed(2)} (${all.csatCount})`;
  document.getElementById('wait').textContent = seconds(report.medianWaitSeconds);
  document.getElementById('handling').textContent = seconds(report.medianHandlingSeconds);

  const flows = Object.values(report.flows);
  const endings = Object.keys(labels.endings);
  bars('endings-chart', flows.map(f => ({ label: flowName(f.flow), values: f.endings })), endings, endingColors, labels.endings);
  // The table shows the endings that happened in the period (the chart's legend names them all).
  const happened = endings.filter(e => all.endings[e]);
  table('flows', ['상담 주제', '시작', '종료', ...happened.map(e => labels.endings[e]), '해결률', '확인', '추정', '만족도', '소요 중앙값'],
    [all, ...flows].map(f => [flowName(f.flow), f.started, f.ended, ...happened.map(e => f.endings[e] ?? 0), percent(f.containmentRate), f.verified, f.assumed,
      f.csatAverage == null ? '-' : `${f.csatAverage.toFixed(2)} (${f.csatCount})`, seconds(f.medianDurationSeconds)]));
  const reasons = Object.keys(labels.reasons);
  bars('reasons-chart', flows.filter(f => Object.keys(f.handoffReasons).length).map(f => ({ label: flowName(f.flow), values: f.handoffReasons })),
    reasons, { OutboundCall: '#2f6df6', AttachmentReview: '#5a8cff', Refund: '#f0a020', CustomerRequest: '#8c96aa', BotFailure: '#e0584f' }, labels.reasons);
  table('categories', ['상담 유형', '건수'], Object.entries(report.casesByCategory));
  const scores = ['1', '2', '3', '4', '5'];
  const scoreNames = Object.fromEntries(scores.map(s => [s, `${s}점`]));
  bars('csat-chart', [{ label: '챗봇', values: Object.fromEntries(all.csat.map((n, i) => [scores[i], n])) },
    { label: '상담원', values: Object.fromEntries(report.agentCsat.map((n, i) => [scores[i], n])) }], scores,
    { 1: '#e0584f', 2: '#f0a020', 3: '#c9cfdb', 4: '#5cc38a', 5: '#1a9b55' }, scoreNames);
  table('abandoned', ['상담 주제', '질문', '건수'], flows.flatMap(f => Object.entries(f.abandonedAt).map(([step, n]) => [flowName(f.flow), step, n])));

  const notUnderstood = await (await fetch(`/api/agent/supervisor/not-understood?${query}`)).json();
  table('not-understood', ['고객의 말', '횟수', '마지막'], notUnderstood.map(m => [m.text, m.count, new Date(m.lastAt).toLocaleString('ko-KR')]));
}

const today = new Date();
document.getElementById('to').value = day(today);
document.getElementById('from').value = day(new Date(today.getTime() - 6 * 86400000));
document.getElementById('period').addEventListener('submit', event => { event.preventDefault(); load(); });
load();
