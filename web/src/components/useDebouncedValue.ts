import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but only once it has stayed the same for `delayMs`: for requests made while the
 * user types. Values are compared by their JSON, so a form snapshot rebuilt on every render
 * does not restart the wait.
 */
export function useDebouncedValue<T>(value: T, delayMs = 400): T {
  const [settled, setSettled] = useState(value);
  const latest = useRef(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    latest.current = value;
  });
  useEffect(() => {
    const timer = setTimeout(() => setSettled(latest.current), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}
