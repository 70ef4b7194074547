/**
 * What the wall shows beside its map and charts, in order: each panel renders itself (or nothing, e.g. before
 * sign-in). Features add theirs here — the flag board and the trends mount the same way.
 */
import type { ComponentType } from 'react';
import { WallCases } from './cases/WallCases';

export const WALL_PANELS: { id: string; Panel: ComponentType }[] = [{ id: 'cases', Panel: WallCases }];
