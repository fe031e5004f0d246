import { createContext, useContext, type ReactNode } from 'react';
import type { Wallboard } from '../createWallboard.js';

const WallboardContext = createContext<Wallboard | null>(null);

/** Wrap the app (or the part showing queue figures) once; every wallboard component reads from it. */
export function WallboardProvider({ wallboard, children }: { wallboard: Wallboard; children: ReactNode }) {
  return <WallboardContext.Provider value={wallboard}>{children}</WallboardContext.Provider>;
}

export function useWallboard(): Wallboard {
  const wallboard = useContext(WallboardContext);
  if (!wallboard) throw new Error('useWallboard outside WallboardProvider');
  return wallboard;
}
