export type Listener<T> = (detail: T) => void

export interface Emitter<Events extends object> {
  /** Subscribes; the answer unsubscribes. */
  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void
  off<K extends keyof Events>(type: K, listener: Listener<Events[K]>): void
  emit<K extends keyof Events>(type: K, detail: Events[K]): void
  clear(): void
}

/**
 * A typed event emitter. A listener that throws is reported and skipped: one broken handler on the
 * host page must not stop the others, nor the upload that emitted the event.
 */
export function createEmitter<Events extends object>(
  report: (error: unknown) => void = (error) =>
    queueMicrotask(() => {
      throw error
    }),
): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<never>>>()

  const off: Emitter<Events>['off'] = (type, listener) => {
    listeners.get(type)?.delete(listener as Listener<never>)
  }

  return {
    on(type, listener) {
      const set = listeners.get(type) ?? new Set()
      listeners.set(type, set)
      set.add(listener as Listener<never>)
      return () => off(type, listener)
    },
    off,
    emit(type, detail) {
      for (const listener of [...(listeners.get(type) ?? [])]) {
        try {
          ;(listener as Listener<typeof detail>)(detail)
        } catch (error) {
          report(error)
        }
      }
    },
    clear() {
      listeners.clear()
    },
  }
}
