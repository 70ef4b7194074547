/** Colour tokens for the two basemap themes: light for desks, dark for command-centre wall displays. */
export interface ThemeTokens {
  background: string;
  residential: string;
  commercial: string;
  industrial: string;
  education: string;
  park: string;
  water: string;
  building: string;
  roadCasing: string;
  roadMajor: string;
  roadMinor: string;
  roadPath: string;
  boundary: string;
  label: string;
  labelHalo: string;
  waterLabel: string;
}

export const THEMES: Record<'light' | 'dark', ThemeTokens> = {
  light: {
    background: '#f4f1ea',
    residential: '#ece6dc',
    commercial: '#f1e1dc',
    industrial: '#e4e1ea',
    education: '#f4ecd2',
    park: '#cfe6c0',
    water: '#a9cfe8',
    building: '#ddd5c8',
    roadCasing: '#c9c0b2',
    roadMajor: '#ffd98a',
    roadMinor: '#ffffff',
    roadPath: '#d8cfc2',
    boundary: '#8e6fb3',
    label: '#333333',
    labelHalo: '#ffffff',
    waterLabel: '#3a6f96',
  },
  dark: {
    background: '#0b1622',
    residential: '#122232',
    commercial: '#1a2333',
    industrial: '#16202c',
    education: '#172a2a',
    park: '#11302a',
    water: '#0d3b5c',
    building: '#1d3044',
    roadCasing: '#0b1622',
    roadMajor: '#3b6e8f',
    roadMinor: '#2a4560',
    roadPath: '#223649',
    boundary: '#9b7fd0',
    label: '#d8e6f3',
    labelHalo: '#0b1622',
    waterLabel: '#7fb7e0',
  },
};
