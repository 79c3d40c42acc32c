// The agent console: the queue updates live over Server-Sent Events; everything else is the JSON API.
const statusNames = { Queued: '대기', Assigned: '상담 중', Resolved: '종료', CancelledByCustomer: '고객 취소' };
const slotNames = { usageDate: '이용일', carNumber: '차량번호', entryTime: '입차시간', plannedExit: '출차 예정', passStatus: '이용권 상태', lot: '주차장', amount: '금액' };
let me = null;
let selected = null;

const api = async (path, options = {}) => {
  const response = await fetch('/api/agent' + path, { headers: { 'content-type': 'application/json' }, ...options });
  if (response.status === 401) { location.href = '/agent/login'; throw new Error('signed out'); }
  return response;
};
const isWebUrl = url => { try { return ['http:', 'https:'].includes(new URL(url, location.href).protocol); } catch { return false; } };
const element = (tag, text, className) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (className) e.className = className; return e; };

async function loadCases() {
  const cases = await (await api('/cases')).json();
  const list = document.getElementById('cases');
  list.replaceChildren(...cases.map(c => {
    const item = element('li', undefined, c.id === selected ? 'selected' : '');
    item.dataset.caseId = c.id;
    item.append(element('strong', c.summary), element('div', `${statusNames[c.status]} · ${c.id} · ${new Date(c.createdAt).toLocaleTimeString('ko-KR')}`, 'status'));
    item.addEventListener('click', () => openCase(c.id));
    return item;
  }));
  if (cases.length === 0) list.append(element('li', '대기 중인 상담이 없습니다.', 'status'));
}

async function loadOutbox() {
  const entries = await (await api('/outbox')).json();
  document.getElementById('outbox').replaceChildren(...entries.map(e => element('li', `${e.notification.caseId}: ${e.notification.text} (${e.state})`)));
}

async function openCase(id) {
  selected = id;
  const response = await api('/cases/' + encodeURIComponent(id));
  if (!response.ok) { document.getElementById('detail').hidden = true; return loadCases(); }
  const c = await response.json();
  document.getElementById('detail').hidden = false;
  document.getElementById('case-title').textContent = `상담 ${c.id} · ${statusNames[c.status]}`;
  document.getElementById('case-summary').textContent = c.summary;
  document.getElementById('case-category').textContent = `${c.category} · ${c.reasons.join(', ')}`;
  document.getElementById('case-slots').replaceChildren(...Object.entries(c.slots).flatMap(([k, v]) => [element('dt', slotNames[k] || k), element('dd', v)]));
  document.getElementById('case-attachments').replaceChildren(...c.attachments.map(a => {
    // Only web addresses become images or links (never javascript:, data: or file:).
    if (!isWebUrl(a.url)) return element('span', `${a.name} (열 수 없는 주소)`);
    if (a.contentType.startsWith('image/')) { const img = element('img'); img.src = a.url; img.alt = a.name; return img; }
    const link = element('a', a.name); link.href = a.url; link.target = '_blank'; link.rel = 'noopener noreferrer'; return link;
  }));
  const transcript = document.getElementById('transcript');
  transcript.replaceChildren(...c.transcript.map(t => {
    const item = element('li', undefined, t.sender);
    item.append(element('span', t.sender === 'Customer' ? '고객' : t.name, 'who'), element('span', t.text ?? ''));
    return item;
  }));
  transcript.scrollTop = transcript.scrollHeight;
  const mine = c.status === 'Assigned' && c.agentId === me.id;
  document.getElementById('claim').hidden = c.status !== 'Queued';
  document.getElementById('reply').hidden = !mine || c.repliesInChannelChat;
  document.getElementById('channel-chat').hidden = !c.repliesInChannelChat;
  document.getElementById('resolve').hidden = !mine;
  loadCases();
}

// The action is stored either way; only its delivery to the customer's chat failed.
async function warnIfCustomerNotReached(response) {
  if (!response.ok) return;
  const body = await response.json().catch(() => ({}));
  if (body.customerReached === false) alert('처리는 저장되었지만 고객 채팅에 전달하지 못했습니다(고객 채널 연결 불가). 고객이 다시 접속하면 확인할 수 있도록 필요하면 후속 안내를 남겨 주세요.');
}

document.getElementById('claim').addEventListener('click', async () => {
  const response = await api(`/cases/${encodeURIComponent(selected)}/claim`, { method: 'POST' });
  if (response.status === 409) alert('다른 상담원이 이미 상담을 시작했습니다.');
  await warnIfCustomerNotReached(response);
  openCase(selected);
});
document.getElementById('reply').addEventListener('submit', async event => {
  event.preventDefault();
  const input = document.getElementById('reply-text');
  if (!input.value.trim()) return;
  await warnIfCustomerNotReached(await api(`/cases/${encodeURIComponent(selected)}/messages`, { method: 'POST', body: JSON.stringify({ text: input.value }) }));
  input.value = '';
  openCase(selected);
});
document.getElementById('resolve').addEventListener('submit', async event => {
  event.preventDefault();
  await warnIfCustomerNotReached(await api(`/cases/${encodeURIComponent(selected)}/resolve`, {
    method: 'POST',
    body: JSON.stringify({ note: document.getElementById('resolve-note').value, followUp: document.getElementById('resolve-followup').value || null })
  }));
  document.getElementById('resolve').reset();
  openCase(selected);
  loadOutbox();
});
document.getElementById('logout').addEventListener('click', async () => { await api('/logout', { method: 'POST' }); location.href = '/agent/login'; });

function listen() {
  const live = document.getElementById('live');
  const events = new EventSource('/api/agent/events');
  // Reconnected (perhaps to another instance): read the queue again, since events may have been missed meanwhile.
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
  document.getElementById('me').textContent = `${me.name} (${me.id})`;
  document.getElementById('supervisor-link').hidden = !me.supervisor;
  await Promise.all([loadCases(), loadOutbox()]);
  listen();
})();
