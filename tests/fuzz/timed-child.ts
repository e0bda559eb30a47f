// A long-lived child process that answers one message at a time, with a time limit per message:
// past it the child is killed and started again, so a post that hangs costs one limit, not the run.
import { fork, type ChildProcess } from 'node:child_process'

/** What one {@link TimedChild.ask} came back with. */
export type TimedAnswer<T> = { state: 'answer'; value: T; ms: number } | { state: 'timeout'; ms: number } | { state: 'died'; ms: number; why: string }

/** A forked Node script speaking `process.send` messages: it sends `{ready: true}` first, then one answer per message. */
export class TimedChild<Q, A> {
  private child: ChildProcess | null = null
  private ready: Promise<void> | null = null
  private pending: ((answer: TimedAnswer<A>) => void) | null = null
  private started = 0
  /** Times the child was killed and restarted (timeouts and deaths). */
  restarts = 0

  constructor(private readonly script: string, private readonly args: string[] = []) {}

  private start(): Promise<void> {
    // plain Node, as the site and the app run: not the parent's flags (vitest adds `--conditions
    // development`, which loads micromark's development build with its extra assertions)
    const child = fork(this.script, this.args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000)
    })
    this.child = child
    this.ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve())
      child.once('exit', (code, signal) => reject(new Error(`${this.script} exited before it was ready (${code ?? signal}): ${stderr}`)))
    })
    child.on('message', (message: unknown) => {
      const done = this.pending
      if (!done || (message as { ready?: boolean }).ready) return
      this.pending = null
      done({ state: 'answer', value: message as A, ms: performance.now() - this.started })
    })
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null
      const done = this.pending
      if (!done) return
      this.pending = null
      done({ state: 'died', ms: performance.now() - this.started, why: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` })
    })
    return this.ready
  }

  /** Sends one message and waits for its answer, at most `limitMs` (then the child is restarted). */
  async ask(message: Q, limitMs: number): Promise<TimedAnswer<A>> {
    if (!this.child) await this.start()
    else await this.ready
    const child = this.child as ChildProcess
    return new Promise<TimedAnswer<A>>((resolve) => {
      this.started = performance.now()
      const timer = setTimeout(() => {
        if (!this.pending) return
        this.pending = null
        this.kill()
        resolve({ state: 'timeout', ms: performance.now() - this.started })
      }, limitMs)
      this.pending = (answer) => {
        clearTimeout(timer)
        if (answer.state === 'died') this.restarts++
        resolve(answer)
      }
      child.send(message as object)
    })
  }

  /** Kills the child (the next {@link ask} starts a fresh one). */
  kill(): void {
    const child = this.child
    if (!child) return
    this.child = null
    this.restarts++
    child.kill('SIGKILL')
  }

  /** Ends the child for good. */
  close(): void {
    const child = this.child
    this.child = null
    child?.kill('SIGKILL')
  }
}
