export { generateDemoCity } from './demo/demo_city';
