// The agent console: the case list updates live over Server-Sent Events; everything else is the JSON API.
// Korean labels of states, slots and values come from the server (agent-console.ko.yaml); this page adds only its own UI words.
const outboxStates = { Outbox: '직접 발송 필요', Pending: '발송 대기', Delivered: '발송 완료' };
const senders = { Customer: '고객', Bot: '챗봇' };
let me = null;
let cases = [];
let selected = null;
let current = null;
let view = 'waiting';
let known = null;

const api = async (path, options = {}) => {
  const response = await fetch('/api/agent' + path, { headers: { 'content-type': 'application/json' }, ...options });
  if (response.status === 401) { location.href = '/agent/login'; throw new Error('signed out'); }
  return response;
};
const isWebUrl = url => { try { return ['http:', 'https:'].includes(new URL(url, location.href).protocol); } catch { return false; } };
const element = (tag, text, className) => { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = text; if (className) e.className = className; return e; };
const $ = id => document.getElementById(id);
const time = iso => new Date(iso).toLocaleTimeString('ko-KR', { hour: '2-digit', minute: '2-digit' });
const dateTime = iso => new Date(iso).toLocaleString('ko-KR', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function elapsed(fromIso) {
  const seconds = Math.max(0, Math.floor((Date.now() - new Date(fromIso).getTime()) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}시간 ${minutes % 60}분` : `${minutes}분 ${String(seconds % 60).padStart(2, '0')}초`;
}

// The waiting timer of a case: from creation while it waits, from the claim while it is handled.
const timerStart = c => c.view === 'closed' ? null : c.assignedAt && c.status === 'Assigned' ? c.assignedAt : c.createdAt;

function matches(c, query) {
  if (!query) return true;
  const text = [c.id, c.summary, c.category, c.flowLabel, c.carNumber, c.agentName, c.lastCustomerText, ...c.reasons].join(' ').toLowerCase();
  return query.toLowerCase().split(/\s+/).every(word => text.includes(word));
}

function renderList() {
  for (const name of ['waiting', 'mine', 'others', 'closed']) {
    $('count-' + name).textContent = cases.filter(c => c.view === name).length;
    const tab = $('view-' + name);
    tab.setAttribute('aria-selected', String(name === view));
    tab.classList.toggle('active', name === view);
  }
  const waiting = cases.filter(c => c.view === 'waiting').length;
  document.title = (waiting ? `(${waiting}) ` : '') + '주차 상담 콘솔';
  const shown = cases.filter(c => c.view === view && matches(c, $('search').value.trim()));
  if ($('newest-first').checked) shown.reverse();
  const list = $('cases');
  list.replaceChildren(...shown.map(c => {
    const item = element('li');
    item.id = 'case-' + c.id;
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', String(c.id === selected));
    item.dataset.caseId = c.id;
    const head = element('div', undefined, 'item-head');
    head.append(element('strong', c.flowLabel), element('span', c.statusLabel, 'badge ' + c.status));
    const timer = element('span', '', 'timer');
    timer.dataset.from = timerStart(c) || '';
    item.append(head, element('div', c.summary, 'item-summary'), element('div', c.reasons.join(' · '), 'item-reasons'));
    const meta = element('div', undefined, 'status');
    meta.append(element('span', `${c.carNumber ?? ''} · ${dateTime(c.createdAt)}${c.agentName ? ' · ' + c.agentName : ''}`), timer);
    item.append(meta);
    item.addEventListener('click', () => openCase(c.id));
    return item;
  }));
  if (shown.length === 0) list.append(element('li', view === 'waiting' ? '대기 중인 상담이 없습니다.' : '해당하는 상담이 없습니다.', 'empty'));
  if (selected && shown.some(c => c.id === selected)) list.setAttribute('aria-activedescendant', 'case-' + selected);
  tick();
}

// Live timers; a queued case past the target turns red.
function tick() {
  for (const timer of document.querySelectorAll('#cases .timer')) {
    if (!timer.dataset.from) { timer.textContent = ''; continue; }
    timer.textContent = elapsed(timer.dataset.from);
    const item = timer.closest('li');
    const c = cases.find(x => x.id === item.dataset.caseId);
    timer.classList.toggle('late', c && c.view === 'waiting' && (Date.now() - new Date(c.createdAt).getTime()) / 1000 > me.waitTargetSeconds);
  }
}

async function loadCases() {
  cases = await (await api('/cases')).json();
  const waitingIds = cases.filter(c => c.status === 'Queued').map(c => c.id);
  if (known && waitingIds.some(id => !known.has(id))) announceNewCase();
  known = new Set(waitingIds);
  renderList();
}

// A new case: a short tone (unless switched off) and the count in the title.
function announceNewCase() {
  if (!$('sound').checked) return;
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
  } catch { /* no audio device */ }
}

async function loadOutbox() {
  const entries = await (await api('/outbox')).json();
  $('outbox').replaceChildren(...entries.map(e => element('li', `${e.notification.caseId} · ${outboxStates[e.state] ?? e.state}: ${e.notification.text}`)));
}

function slotList(target, slots) {
  target.replaceChildren(...slots.flatMap(s => { const dt = element('dt', s.label); dt.dataset.key = s.key; return [dt, element('dd', s.value)]; }));
}

function attachmentView(a) {
  // Only web addresses become images or links (never javascript:, data: or file:).
  if (!isWebUrl(a.url)) return element('span', `${a.name} (열 수 없는 주소)`);
  if (a.contentType.startsWith('image/')) {
    const button = element('button', undefined, 'thumb');
    button.type = 'button';
    button.title = `${a.name} 크게 보기`;
    const img = element('img'); img.src = a.url; img.alt = a.name;
    button.append(img, element('span', a.name));
    button.addEventListener('click', () => { $('enlarged-image').src = a.url; $('enlarged-image').alt = a.name; $('enlarged').showModal(); });
    return button;
  }
  const link = element('a', `📄 ${a.name}`, 'file'); link.href = a.url; link.target = '_blank'; link.rel = 'noopener noreferrer'; return link;
}

async function openCase(id, { focus = false } = {}) {
  selected = id;
  const response = await api('/cases/' + encodeURIComponent(id));
  if (!response.ok) { $('detail').hidden = true; current = null; return renderList(); }
  const detail = await response.json();
  current = detail;
  const c = detail.case;
  $('detail').hidden = false;
  $('case-title').textContent = `${c.flowLabel} · ${c.statusLabel}`;
  $('case-summary').textContent = c.summary;
  $('case-category').textContent = `상담 유형: ${c.category} · 상담 번호 ${c.id} · 접수 ${dateTime(c.createdAt)}${c.agentName ? ' · 담당 ' + c.agentName : ''}`;
  $('case-reasons').replaceChildren(...c.reasons.map(r => element('li', r)));
  slotList($('case-usage'), detail.usage);
  $('no-usage').hidden = detail.usage.length > 0;
  slotList($('case-slots'), detail.slots);
  $('other-slots-panel').hidden = detail.slots.length === 0;
  $('case-attachments').replaceChildren(...detail.attachments.map(attachmentView));
  $('attachments-panel').hidden = detail.attachments.length === 0;
  const transcript = $('transcript');
  transcript.replaceChildren(...detail.transcript.map(t => {
    const item = element('li', undefined, t.sender);
    const who = element('span', undefined, 'who');
    who.append(element('span', senders[t.sender] ?? t.name), element('time', time(t.at)));
    item.append(who);
    if (t.text) item.append(element('span', t.text, 'text'));
    if (t.attachments.length) { const files = element('div', undefined, 'attachments'); files.append(...t.attachments.map(attachmentView)); item.append(files); }
    if (t.buttons.length) { const buttons = element('div', undefined, 'offered'); buttons.append(...t.buttons.map(b => element('span', b, 'chip'))); item.append(buttons); }
    return item;
  }));
  transcript.scrollTop = transcript.scrollHeight;
  $('notes').replaceChildren(...detail.notes.map(n => element('li', `${n.agentName} · ${dateTime(n.at)}: ${n.text}`)));
  const mine = detail.agentId === me.id;
  const inChat = c.status === 'Assigned' && mine;
  $('claim').hidden = c.status !== 'Queued';
  $('release').hidden = !inChat;
  $('transfer').hidden = !inChat || me.agents.length < 2;
  $('reply').hidden = !inChat || c.repliesInChannelChat;
  $('channel-chat').hidden = !c.repliesInChannelChat || c.view === 'closed';
  $('follow-up-note').hidden = c.status !== 'FollowUp';
  $('resolve').hidden = !(inChat || c.status === 'FollowUp');
  $('resolution').hidden = !detail.resolutionNote;
  $('resolution').textContent = detail.resolutionNote ? `처리 내용: ${detail.resolutionNote}${c.closedAt ? ' (' + dateTime(c.closedAt) + ')' : ''}` : '';
  $('template').replaceChildren(element('option', '선택하면 입력란에 넣습니다'), ...detail.templates.map((t, i) => { const o = element('option', t.title); o.value = String(i); return o; }));
  $('template').firstChild.value = '';
  $('transfer-to').replaceChildren(...me.agents.filter(a => a.id !== me.id).map(a => { const o = element('option', a.name); o.value = a.id; return o; }));
  renderList();
  if (focus) $('case-title').focus();
}

// The action is stored either way; only its delivery to the customer's chat failed.
async function answered(response) {
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    alert(response.status === 409 ? '이미 다른 상담원이 처리했거나 종료된 상담입니다.' : `처리하지 못했습니다: ${problem.detail ?? response.status}`);
    return;
  }
  const body = await response.json().catch(() => ({}));
  if (body.customerReached === false) alert('처리는 저장되었지만 고객 채팅에 전달하지 못했습니다(고객 채널 연결 불가). 고객이 다시 접속하면 확인할 수 있도록 필요하면 후속 안내를 남겨 주세요.');
}

const post = (action, body) => api(`/cases/${encodeURIComponent(selected)}/${action}`, { method: 'POST', body: body ? JSON.stringify(body) : undefined });

$('claim').addEventListener('click', async () => {
  await answered(await post('claim'));
  view = 'mine';
  await loadCases();
  await openCase(selected);
  $('reply-text').focus();
});
$('release').addEventListener('click', async () => {
  if (!confirm('이 상담을 대기열로 돌려보낼까요? 다른 상담원이 이어서 받을 수 있습니다.')) return;
  await answered(await post('release'));
  openCase(selected);
});
$('transfer').addEventListener('submit', async event => {
  event.preventDefault();
  const to = $('transfer-to');
  if (!to.value || !confirm(`이 상담을 ${to.selectedOptions[0].textContent}에게 넘길까요?`)) return;
  await answered(await post('transfer', { to: to.value }));
  await loadCases();
  openCase(selected);
});
$('template').addEventListener('change', () => {
  const template = current && current.templates[Number($('template').value)];
  if (!template || $('template').value === '') return;
  const input = $('reply-text');
  input.value = input.value ? input.value.trimEnd() + ' ' + template.text : template.text;
  $('template').value = '';
  input.focus();
});
$('reply').addEventListener('submit', async event => {
  event.preventDefault();
  const input = $('reply-text');
  if (!input.value.trim()) return;
  await answered(await post('messages', { text: input.value }));
  input.value = '';
  openCase(selected);
});
$('reply-text').addEventListener('keydown', event => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); $('reply').requestSubmit(); }
});
$('note').addEventListener('submit', async event => {
  event.preventDefault();
  const input = $('note-text');
  if (!input.value.trim()) return;
  await answered(await post('notes', { text: input.value }));
  input.value = '';
  openCase(selected);
});
// Resolving asks first (Enter in a field only opens the question).
$('resolve').addEventListener('submit', event => {
  event.preventDefault();
  const followUp = $('resolve-followup').value.trim();
  $('confirm-text').textContent = `처리 내용: ${$('resolve-note').value.trim()}` + (followUp ? ` / 문자 안내: ${followUp}` : ' / 문자 안내 없음');
  $('confirm-resolve').showModal();
});
$('confirm-resolve').addEventListener('close', async () => {
  if ($('confirm-resolve').returnValue !== 'confirm') return;
  await answered(await post('resolve', { note: $('resolve-note').value, followUp: $('resolve-followup').value || null }));
  $('resolve').reset();
  await loadCases();
  openCase(selected);
  loadOutbox();
});
$('logout').addEventListener('click', async () => { await api('/logout', { method: 'POST' }); location.href = '/agent/login'; });
for (const tab of document.querySelectorAll('.views [role=tab]')) tab.addEventListener('click', () => { view = tab.dataset.view; renderList(); });
$('search').addEventListener('input', renderList);
$('newest-first').addEventListener('change', renderList);

// The list is a list box: arrows move the selection, Enter opens the case.
$('cases').addEventListener('keydown', event => {
  const options = [...document.querySelectorAll('#cases [role=option]')];
  if (options.length === 0) return;
  const at = options.findIndex(o => o.dataset.caseId === selected);
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = options[Math.min(options.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    selected = next.dataset.caseId;
    renderList();
    document.getElementById('case-' + selected)?.scrollIntoView({ block: 'nearest' });
  } else if (event.key === 'Enter' && selected) {
    event.preventDefault();
    openCase(selected, { focus: true });
  }
});
document.addEventListener('keydown', event => {
  const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName);
  if (event.altKey && ['1', '2', '3'].includes(event.key)) { event.preventDefault(); view = ['waiting', 'mine', 'closed'][Number(event.key) - 1]; renderList(); $('cases').focus(); }
  else if (event.altKey && event.key.toLowerCase() === 's' && !$('claim').hidden && !$('detail').hidden) { event.preventDefault(); $('claim').click(); }
  else if (event.altKey && event.key.toLowerCase() === 'm' && !$('reply').hidden) { event.preventDefault(); $('reply-text').focus(); }
  else if (event.altKey && event.key.toLowerCase() === 'e' && !$('resolve').hidden) { event.preventDefault(); $('resolve-note').focus(); }
  else if (event.key === '/' && !typing) { event.preventDefault(); $('search').focus(); }
});

function listen() {
  const live = $('live');
  const events = new EventSource('/api/agent/events');
  // Reconnected (perhaps to another instance): read the list again, since events may have been missed meanwhile.
  let connectedBefore = false;
  events.addEventListener('open', () => {
    live.textContent = '● 실시간'; live.classList.add('on');
    if (connectedBefore) { loadCases(); if (selected) openCase(selected); }
    connectedBefore = true;
  });
  events.addEventListener('case', event => {
    const change = JSON.parse(event.data);
    loadCases();
    if (change.caseId === selected) openCase(selected);
  });
  events.addEventListener('error', () => { live.textContent = '● 재연결 중'; live.classList.remove('on'); });
}

(async () => {
  me = await (await api('/me')).json();
  $('me').textContent = `${me.name} (${me.id})`;
  $('supervisor-link').hidden = !me.supervisor;
  $('view-others').hidden = !me.supervisor;
  await Promise.all([loadCases(), loadOutbox()]);
  setInterval(tick, 1000);
  listen();
})();
