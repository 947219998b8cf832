// An embed tells the page that frames it how tall its content is, on load and whenever that changes (a narrower
// frame makes a shorter picture), so the host's /embed.js can size the frame to it. The height is no secret: any
// framing page may read it.

let sent = -1;

function postHeight() {
  if (window.parent === window) return;
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height === sent) return;
  sent = height;
  window.parent.postMessage({ type: "marketcontext:height", height }, "*");
}

window.addEventListener("load", postHeight);
new ResizeObserver(postHeight).observe(document.body);
postHeight();
