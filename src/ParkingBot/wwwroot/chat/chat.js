// The customer's chat window: the official Web Chat over the embedded Direct Line of this host.
// A session (token + conversation) is kept in sessionStorage, so reloading the page continues the conversation.
(async function () {
  'use strict';
  const SESSION_KEY = 'parkingbot.chat';
  const status = document.getElementById('status');

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

  // Agent messages carry channelData.agentName; show it above the message.
  const store = window.WebChat.createStore({}, () => next => action => {
    if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
      const activity = action.payload.activity;
      const agent = activity && activity.channelData && activity.channelData.agentName;
      if (agent && activity.type === 'message' && typeof activity.text === 'string' && !activity.text.startsWith('**')) {
        action = { ...action, payload: { ...action.payload, activity: { ...activity, text: '**상담원 ' + agent + '**\n\n' + activity.text } } };
      }
    }
    return next(action);
  });

  try {
    const current = await session();
    const options = { domain: location.origin + '/v3/directline', token: current.token, webSocket: true };
    if (current.started) {
      // Reconnect to the same conversation; the stream replays it from the start.
      options.conversationId = current.conversationId;
    }
    const directLine = window.WebChat.createDirectLine(options);
    directLine.connectionStatus$.subscribe(state => {
      if (state === 2 && !current.started) {
        current.started = true;
        save(current);
      }
      status.textContent = state === 4 ? '연결이 끊어졌습니다. 페이지를 새로고침해 주세요.' : state === 3 ? '대화 시간이 만료되었습니다. 페이지를 새로고침해 주세요.' : '';
    });
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        userID: current.userId,
        locale: 'ko-KR',
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
    status.textContent = '상담 창을 열지 못했습니다. 잠시 후 다시 시도해 주세요.';
    console.error(error);
  }
})();
