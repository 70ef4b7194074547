/**
 * What the wall shows beside its map and charts, in order: each panel renders itself (or nothing, e.g. before
 * sign-in). Features add theirs here.
 */
import type { ComponentType } from 'react';
import { WallFlagBoard } from './bulletin/WallFlagBoard';
import { WallCases } from './cases/WallCases';
import { WallTrends } from './trends/WallTrends';

export const WALL_PANELS: { id: string; Panel: ComponentType }[] = [
  { id: 'cases', Panel: WallCases },
  { id: 'flags', Panel: WallFlagBoard },
  { id: 'trends', Panel: WallTrends },
];
