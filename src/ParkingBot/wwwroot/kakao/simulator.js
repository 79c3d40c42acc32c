// The KakaoTalk simulator: sends SkillPayloads (as Open Builder does for the fallback block) and draws the SkillResponse
// as KakaoTalk shows it. No inline script: the Content-Security-Policy allows none.
const chat = document.getElementById('chat');
const quickReplies = document.getElementById('quick-replies');
let user = newUser();

function newUser() { return 'u' + Math.random().toString(36).slice(2, 10); }

const element = (tag, text, className) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (className) e.className = className; return e; };
const isWebUrl = url => { try { return ['http:', 'https:'].includes(new URL(url).protocol); } catch { return false; } };

function payload(utterance, extra) {
  return {
    intent: { id: 'fallback', name: '폴백 블록' },
    userRequest: { timezone: 'Asia/Seoul', utterance, lang: 'ko', params: { surface: 'Kakaotalk.plusfriend' }, block: { id: 'fallback', name: '폴백 블록' },
      user: { id: user, type: 'botUserKey', properties: {} } },
    bot: { id: 'simulator', name: 'ParkingBot' },
    action: { id: 'simulator', name: 'parkingbot', params: {}, detailParams: {}, clientExtra: extra || {} },
    contexts: []
  };
}

function show(className, ...children) {
  const item = element('li', undefined, className);
  item.append(...children);
  chat.append(item);
  item.scrollIntoView({ block: 'end' });
}

function button(spec) {
  if (spec.action === 'webLink' && isWebUrl(spec.webLinkUrl)) {
    const link = element('a', spec.label); link.href = spec.webLinkUrl; link.target = '_blank'; link.rel = 'noopener noreferrer'; return link;
  }
  if (spec.action === 'phone') { const link = element('a', spec.label); link.href = 'tel:' + spec.phoneNumber; return link; }
  const other = element('button', spec.label);
  other.type = 'button';
  if (spec.action === 'operator') { other.title = '카카오톡에서는 상담직원 1:1 채팅으로 넘어갑니다 (시뮬레이터에서는 동작하지 않음)'; other.disabled = true; }
  if (spec.action === 'message') other.addEventListener('click', () => say(spec.messageText || spec.label));
  return other;
}

function draw(response) {
  document.getElementById('raw').textContent = JSON.stringify(response, null, 2);
  quickReplies.replaceChildren();
  if (response.useCallback) {
    show('bot', element('div', response.data?.text ?? '', 'bubble'), element('span', 'useCallback: 최종 응답은 콜백으로 전달됩니다.', 'note'));
    return;
  }
  for (const output of response.template?.outputs ?? []) {
    if (output.simpleText) show('bot', element('div', output.simpleText.text, 'bubble'));
    else if (output.textCard) {
      const card = element('div', undefined, 'card');
      if (output.textCard.title) card.append(element('p', output.textCard.title));
      card.append(element('p', output.textCard.description ?? ''));
      const buttons = element('div', undefined, 'buttons');
      buttons.append(...(output.textCard.buttons ?? []).map(button));
      card.append(buttons);
      show('bot', card);
    } else if (output.simpleImage && isWebUrl(output.simpleImage.imageUrl)) {
      const card = element('div', undefined, 'card'); const img = element('img'); img.src = output.simpleImage.imageUrl; img.alt = output.simpleImage.altText; card.append(img);
      show('bot', card);
    }
  }
  quickReplies.append(...(response.template?.quickReplies ?? []).map(reply => {
    const chip = element('button', reply.label);
    chip.type = 'button';
    chip.addEventListener('click', () => say(reply.messageText, reply.extra));
    return chip;
  }));
}

async function say(utterance, extra) {
  show('customer', element('div', utterance, 'bubble'));
  quickReplies.replaceChildren();
  const response = await fetch('/api/kakao/simulator', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload(utterance, extra)) });
  if (response.status === 401) { location.href = '/agent/login?ReturnUrl=%2Fkakao'; return; }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { show('bot', element('div', `오류 ${response.status}: ${body.error?.message ?? ''}`, 'bubble')); return; }
  draw(body);
}

document.getElementById('say').addEventListener('submit', event => {
  event.preventDefault();
  const input = document.getElementById('utterance');
  if (!input.value.trim()) return;
  say(input.value.trim());
  input.value = '';
});
document.getElementById('restart').addEventListener('click', () => { user = newUser(); chat.replaceChildren(); quickReplies.replaceChildren(); });
