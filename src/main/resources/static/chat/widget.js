// The web chat on any page: <script src="https://desk.example/chat/widget.js" data-scenario="support_chat"></script>
// adds a button in the corner that opens the chat (/chat/ of the same desk) in a frame.
(function () {
  'use strict';

  const script = document.currentScript;
  if (!script || window.operatorConnectChat) {
    return;
  }
  const desk = new URL(script.src, location.href);
  const page = new URL('/chat/', desk.origin);
  if (script.dataset.scenario) {
    page.searchParams.set('scenario', script.dataset.scenario);
  }
  const label = script.dataset.label || 'Chat with us';

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.dataset.testid = 'chat-widget-button';
  Object.assign(button.style, {
    position: 'fixed', right: '20px', bottom: '20px', zIndex: '2147483646', padding: '12px 18px',
    borderRadius: '24px', border: 'none', background: '#1f5fbf', color: '#fff', font: '15px system-ui, sans-serif',
    boxShadow: '0 4px 14px rgba(0,0,0,.25)', cursor: 'pointer'
  });

  let frame = null;
  button.addEventListener('click', () => {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = page.href;
      frame.title = label;
      frame.dataset.testid = 'chat-widget-frame';
      Object.assign(frame.style, {
        position: 'fixed', right: '20px', bottom: '76px', zIndex: '2147483647', width: '360px',
        height: 'min(560px, calc(100vh - 96px))', border: '1px solid #d5dae3', borderRadius: '12px',
        boxShadow: '0 8px 28px rgba(0,0,0,.25)', background: '#fff'
      });
      document.body.append(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });

  window.operatorConnectChat = {button};
  if (document.body) {
    document.body.append(button);
  } else {
    document.addEventListener('DOMContentLoaded', () => document.body.append(button));
  }
})();
