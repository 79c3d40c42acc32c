// The customer's chat window: the official Web Chat over the embedded Direct Line of this host.
// A session (token + conversation) is kept in sessionStorage, so reloading the page continues the conversation.
(async function () {
  'use strict';
  const SESSION_KEY = 'parkingbot.chat';
  const status = document.getElementById('status');
  const accept = (document.body.dataset.uploadAccept || '').split(',').filter(Boolean);
  const maxUploadBytes = Number(document.body.dataset.uploadMaxBytes || 0);
  const h = window.React.createElement;

  async function post(url, token) {
    const response = await fetch(url, { method: 'POST', headers: token ? { Authorization: 'Bearer ' + token } : {} });
    if (!response.ok) {
      throw new Error(url + ' answered ' + response.status);
    }
    return response.json();
  }

  function save(session) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  }

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    } catch {
      return null;
    }
  }

  // A stored session is refreshed (new token, same conversation) while its token is valid; otherwise a new one starts.
  async function session() {
    const stored = load();
    if (stored && stored.expiresAt > Date.now() + 30000) {
      try {
        const refreshed = await post('/v3/directline/tokens/refresh', stored.token);
        const next = { ...stored, token: refreshed.token, expiresAt: Date.now() + refreshed.expires_in * 1000 };
        save(next);
        return next;
      } catch {
        sessionStorage.removeItem(SESSION_KEY);
      }
    }
    const fresh = await post('/api/directline/token');
    const created = { token: fresh.token, conversationId: fresh.conversationId, userId: fresh.userId, expiresAt: Date.now() + fresh.expires_in * 1000, started: false };
    save(created);
    return created;
  }

  // The banner under the chat: a notice (polite) or a problem; a notice can clear itself after a while.
  let clearTimer = 0;
  function say(text, kind = 'problem', clearAfterMs = 0) {
    clearTimeout(clearTimer);
    status.textContent = text;
    status.className = text ? kind : '';
    if (clearAfterMs) clearTimer = setTimeout(() => say(''), clearAfterMs);
  }

  // Multi-line scripts stay as lines: single line breaks become hard breaks and lines starting with ·, -, • become a list.
  const listLine = /^\s*[·•\-]\s+/;
  function asMarkdown(text) {
    return text.split(/\n{2,}/).map(paragraph => {
      const out = [];
      let inList = false;
      for (const line of paragraph.split('\n')) {
        if (listLine.test(line)) {
          if (!inList && out.length) out.push('');
          out.push('- ' + line.replace(listLine, ''));
          inList = true;
        } else {
          if (inList) out.push('');
          else if (out.length) out[out.length - 1] += '  ';
          out.push(line);
          inList = false;
        }
      }
      return out.join('\n');
    }).join('\n\n');
  }

  function refusal(file) {
    if (accept.length && !accept.includes(file.type)) return `'${file.name}' 파일은 보낼 수 없는 형식이에요. 사진(JPG, PNG, GIF, WEBP)이나 PDF 파일만 보낼 수 있어요.`;
    if (maxUploadBytes && file.size > maxUploadBytes) return `'${file.name}' 파일이 너무 커요 (${(file.size / 1048576).toFixed(1)}MB). ${Math.floor(maxUploadBytes / 1048576)}MB 이하의 파일만 보낼 수 있어요.`;
    return null;
  }

  const store = window.WebChat.createStore({}, () => next => action => {
    if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
      const activity = action.payload.activity;
      if (activity && activity.type === 'message' && activity.from && activity.from.role === 'bot' && typeof activity.text === 'string') {
        action = { ...action, payload: { ...action.payload, activity: { ...activity, text: asMarkdown(activity.text) } } };
      }
    }
    // A file the channel would refuse is not sent: the customer is told why, in Korean, at once.
    if (action.type === 'WEB_CHAT/SEND_MESSAGE' && action.payload.attachments && action.payload.attachments.length) {
      const reasons = action.payload.attachments.map(a => a.blob && refusal(a.blob)).filter(Boolean);
      if (reasons.length) {
        say(reasons.join(' '), 'problem');
        return undefined;
      }
    }
    if (action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED' && action.meta && action.payload.activity && action.payload.activity.attachments) {
      say('파일을 보내지 못했어요. 연결 상태를 확인한 뒤 다시 보내 주세요.', 'problem');
    }
    return next(action);
  });

  // Agents are people: their own avatar (the first letter of their name), their name above their messages, and a label for screen readers.
  const agentOf = activity => activity && activity.channelData && activity.channelData.agentName
    ? { name: activity.channelData.agentName, title: activity.channelData.agentTitle || activity.channelData.agentName }
    : null;
  const avatarMiddleware = () => next => args => {
    const agent = agentOf(args.activity);
    if (!agent) return next(args);
    return () => h('div', { className: 'agent-avatar', role: 'img', 'aria-label': agent.title }, agent.name.trim().charAt(0));
  };
  // An agent's messages are their own group (the bot's account sends them), so their first message carries the agent's avatar.
  const agentKey = activity => (agentOf(activity) || {}).name || '';
  const groupActivitiesMiddleware = () => next => args => {
    const groups = next(args);
    const sender = [];
    for (const group of groups.sender || []) {
      let part = [];
      for (const activity of group) {
        if (part.length && agentKey(part[part.length - 1]) !== agentKey(activity)) {
          sender.push(part);
          part = [];
        }
        part.push(activity);
      }
      if (part.length) sender.push(part);
    }
    return { ...groups, sender };
  };
  const activityMiddleware = () => next => (...setupArgs) => {
    const render = next(...setupArgs);
    const agent = agentOf(setupArgs[0] && setupArgs[0].activity);
    if (!render || !agent) return render;
    return (...renderArgs) => h('div', { className: 'agent-message', role: 'group', 'aria-label': agent.title + '의 메시지' },
      h('div', { className: 'agent-name', 'aria-hidden': 'true' }, agent.title),
      render(...renderArgs));
  };

  try {
    const current = await session();
    const options = { domain: location.origin + '/v3/directline', token: current.token, webSocket: true };
    if (current.started) {
      // Reconnect to the same conversation; the stream replays it from the start.
      options.conversationId = current.conversationId;
    }
    const directLine = window.WebChat.createDirectLine(options);
    let wasOnline = false;
    let dropped = false;
    directLine.connectionStatus$.subscribe(state => {
      if (state === 2) {
        if (!current.started) {
          current.started = true;
          save(current);
        }
        if (dropped) say('다시 연결되었어요.', 'notice', 4000);
        else say('');
        wasOnline = true;
        dropped = false;
      } else if (state === 1 && wasOnline) {
        dropped = true;
        say('연결이 끊어져 다시 연결하는 중이에요. 잠시만 기다려 주세요.', 'problem');
      } else if (state === 3) {
        say('대화 시간이 만료되었어요. 페이지를 새로고침해 주세요.', 'problem');
      } else if (state === 4) {
        dropped = true;
        say('연결이 끊어졌어요. 인터넷 연결을 확인한 뒤 페이지를 새로고침해 주세요.', 'problem');
      }
    });
    window.addEventListener('offline', () => { dropped = true; say('인터넷 연결이 끊어졌어요. 연결되면 대화가 이어집니다.', 'problem'); });
    window.addEventListener('online', () => { if (dropped) say('다시 연결되었어요.', 'notice', 4000); dropped = false; });
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        userID: current.userId,
        locale: 'ko-KR',
        avatarMiddleware,
        activityMiddleware,
        groupActivitiesMiddleware,
        styleOptions: {
          accent: '#1f5eff',
          botAvatarInitials: '주차',
          userAvatarInitials: '나',
          bubbleBackground: '#f4f6fa',
          bubbleBorderRadius: 12,
          bubbleFromUserBackground: '#1f5eff',
          bubbleFromUserTextColor: '#ffffff',
          bubbleFromUserBorderRadius: 12,
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 16,
          hideUploadButton: false,
          uploadAccept: accept.join(','),
          uploadMultiple: false,
          // A receipt photo goes as soon as it is picked, as the playbooks ask for it.
          sendAttachmentOn: 'attach',
          sendTypingIndicator: true,
          primaryFont: "'Pretendard', 'Apple SD Gothic Neo', 'Noto Sans KR', 'Malgun Gothic', sans-serif",
        },
      },
      document.getElementById('webchat'),
    );
    document.querySelector('#webchat [role="textbox"], #webchat input, #webchat textarea')?.focus();
  } catch (error) {
    say('상담 창을 열지 못했어요. 잠시 후 다시 시도해 주세요.', 'problem');
    console.error(error);
  }
})();
