// The sign-in page: no inline script (the Content-Security-Policy allows none).
document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const response = await fetch('/api/agent/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: document.getElementById('agent-id').value, password: document.getElementById('agent-password').value })
  });
  // Back to the page that asked for the sign-in (the console, or the KakaoTalk simulator): a path on this site only.
  const back = new URLSearchParams(location.search).get('ReturnUrl');
  if (response.ok) { location.href = back && /^\/[a-z]/.test(back) ? back : '/agent'; return; }
  const error = document.getElementById('login-error');
  const minutes = Math.ceil(Number(response.headers.get('retry-after') || 0) / 60);
  error.textContent = response.status === 429
    ? `로그인 시도가 너무 많아 잠시 잠겼습니다. ${minutes}분 후에 다시 시도해 주세요.`
    : '아이디 또는 비밀번호가 올바르지 않습니다.';
  error.hidden = false;
});
