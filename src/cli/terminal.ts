// What the CLI asks of the terminal it writes to: colours and width.
import type { CliIo } from './run';

/**
 * Colours only for text on a terminal, unless asked: `--color` forces them on (for a pager such as
 * `less -R`), `--no-color` and a non-empty NO_COLOR turn them off.
 */
export function useColor(
  format: string,
  io: Pick<CliIo, 'stdoutIsTTY' | 'env'>,
  flags: { color?: boolean; 'no-color'?: boolean },
): boolean {
  if (format !== 'text' || flags['no-color']) return false;
  if (flags.color) return true;
  return io.stdoutIsTTY && !io.env.NO_COLOR;
}
