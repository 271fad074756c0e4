const page = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>解码会话 · Codec session</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">${body}</body></html>`;

export function signInPage() {
  return page(`<h1>Temporal 数据解码 · Decode payloads</h1>
<p>管理员登录后，Temporal Web UI 可通过本接口显示加密的工作流数据。<br>Administrators sign in here so the Temporal Web UI can show the encrypted payloads.</p>
<form method="post" action="/codec/sign-in">
<p><label>用户名 Username <input name="username" autocomplete="username" required></label></p>
<p><label>密码 Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit">登录 Sign in</button></p></form>`);
}

export function signedInPage(expiresAt: string) {
  return page(`<h1>已登录 · Signed in</h1>
<p>在 Temporal Web UI（与本页同为 127.0.0.1 或同为 localhost）点击顶栏的 Codec Server 按钮，选择“Use my browser setting and ignore Cluster-level setting.”，
在 Codec Server browser endpoint 中填写本接口的 /codec 地址，打开“Include cross-origin credentials”，点击 Apply。会话有效期至 ${expiresAt}。<br>
In the Temporal Web UI (opened on the same host name as this page: 127.0.0.1 or localhost, not one of each), click Codec Server in the top bar,
choose "Use my browser setting and ignore Cluster-level setting.", enter this API's /codec address as the Codec Server browser endpoint,
switch on "Include cross-origin credentials" and Apply. The session lasts until ${expiresAt}.</p>`);
}
