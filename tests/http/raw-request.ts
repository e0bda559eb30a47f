// A raw HTTP client for the host tests: sends exactly the Host/Origin/Cookie headers a test names
// (fetch would fill some in), and records every reply so a suite can assert on all of them.
import http from 'node:http'

/** One reply. */
export interface RawReply {
  url: string
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  text: () => string
  json: () => any
}

/** Options of one request. */
export interface RawRequestOptions {
  headers?: Record<string, string>
  body?: string | Buffer
  /** Resolve as soon as the headers arrive and drop the connection (event streams). */
  headersOnly?: boolean
}

/** Sends one request to 127.0.0.1:`port`; every reply is also pushed onto `log` when given. */
export function rawRequest(port: number, method: string, url: string, options: RawRequestOptions = {}, log?: RawReply[]): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: options.headers ?? {}, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      const finish = () => {
        const body = Buffer.concat(chunks)
        const reply: RawReply = { url, status: res.statusCode ?? 0, headers: res.headers, body, text: () => body.toString('utf8'), json: () => JSON.parse(body.toString('utf8')) }
        log?.push(reply)
        resolve(reply)
      }
      if (options.headersOnly) {
        finish()
        req.destroy()
        return
      }
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', finish)
    })
    req.on('error', (error) => { if (!options.headersOnly) reject(error) })
    req.end(options.body)
  })
}

/** A running host as the helpers below need it. */
export interface HostAddress { port: number; token: string }

/** `POST /api/<name>` with the host's token and `args` as the JSON body. */
export function apiCall(host: HostAddress, name: string, args: unknown[], log?: RawReply[]): Promise<RawReply> {
  return rawRequest(host.port, 'POST', `/api/${name}`, {
    headers: { host: `127.0.0.1:${host.port}`, 'x-inkpost-token': host.token, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  }, log)
}

/** `GET target` with only the Host header. */
export function getPath(host: HostAddress, target: string, log?: RawReply[]): Promise<RawReply> {
  return rawRequest(host.port, 'GET', target, { headers: { host: `127.0.0.1:${host.port}` } }, log)
}
