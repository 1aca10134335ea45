/** The proxies of the environment, as undici's EnvHttpProxyAgent takes them; '' for none. */
export interface Proxies {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/**
 * Reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (the lowercase name first, as undici does) the way curl
 * does: a bare `host:port` is an HTTP proxy. One that cannot be used is a problem naming the
 * variable, never its value (it may hold a password).
 */
export function readProxies(env: Record<string, string | undefined>, problems: string[]): Proxies {
  return {
    httpProxy: proxyUrl(env, 'http_proxy', 'HTTP_PROXY', problems),
    httpsProxy: proxyUrl(env, 'https_proxy', 'HTTPS_PROXY', problems),
    noProxy: (env.no_proxy ?? env.NO_PROXY ?? '').trim(),
  };
}

function proxyUrl(env: Record<string, string | undefined>, lower: string, upper: string, problems: string[]): string {
  const name = env[lower] !== undefined ? lower : upper;
  const value = (env[name] ?? '').trim();
  if (!value) return '';
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`;
  const url = URL.canParse(withScheme) ? new URL(withScheme) : undefined;
  if (url?.hostname && (url.protocol === 'http:' || url.protocol === 'https:')) return url.href;
  const scheme = url ? ` (${url.protocol.slice(0, -1)} proxies are not supported)` : '';
  problems.push(
    `${name} is not a proxy URL the action can use${scheme}: give http://host:port or https://host:port; a bare host:port means http://. Its value is not shown, as it may hold a password.`,
  );
  return '';
}
