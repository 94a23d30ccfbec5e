/** A request through an HTTP proxy's `CONNECT` tunnel, trusting only the certificate given: what a browser does with the proxy. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** `GET url` through `proxyUrl`; rejects with the proxy's status when it refuses the tunnel. */
export function getThroughProxy(proxyUrl: string, url: string, ca: string): Promise<ProxiedResponse> {
  const proxy = new URL(proxyUrl);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const connect = httpRequest({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: `${target.hostname}:443` });
    connect.on('error', reject);
    connect.on('connect', (answer, socket) => {
      if (answer.statusCode !== 200) {
        socket.destroy();
        return reject(new Error(`proxy refused the tunnel: ${answer.statusCode}`));
      }
      const tls = tlsConnect({ socket, servername: target.hostname, ca });
      tls.on('error', reject);
      const get = httpsRequest({ host: target.hostname, port: 443, path: target.pathname + target.search, createConnection: () => tls }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      get.on('error', reject);
      get.end();
    });
    connect.end();
  });
}
