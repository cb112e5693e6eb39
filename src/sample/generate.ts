// Seeded generator of realistic short-video rows in the 58-column seed schema
// (shared/reference/seed-dataset-columns.md): data/sample.csv, fixtures and the benchmark's
// 100k/1M-row inputs. Same rows + seed give byte-identical output (sfc32 PRNG, no clock);
// the CSV is streamed in ~1 MB chunks, RFC 4180 quoted, `\n`-terminated UTF-8 without BOM.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export const SEED_COLUMNS: readonly string[] = Object.freeze([
  'platform', 'country', 'region', 'language', 'category', 'hashtag', 'title_keywords', 'author_handle',
  'sound_type', 'music_track', 'week_of_year', 'duration_sec', 'views', 'likes', 'comments', 'shares',
  'saves', 'engagement_rate', 'trend_label', 'source_hint', 'notes', 'device_type', 'upload_hour', 'genre',
  'trend_duration_days', 'trend_type', 'engagement_velocity', 'dislikes', 'comment_ratio', 'share_rate',
  'save_rate', 'like_dislike_ratio', 'publish_dayofweek', 'publish_period', 'event_season', 'tags',
  'sample_comments', 'creator_avg_views', 'creator_tier', 'season', 'publish_date_approx', 'year_month',
  'title', 'title_length', 'has_emoji', 'avg_watch_time_sec', 'completion_rate', 'device_brand',
  'traffic_source', 'is_weekend', 'row_id', 'engagement_total', 'like_rate', 'dislike_rate',
  'engagement_per_1k', 'engagement_like_rate', 'engagement_comment_rate', 'engagement_share_rate',
]);

const DEFAULT_SEED = 20250101;

// ---------------------------------------------------------------------------
// 1. Seeded randomness: sfc32, its state seeded through splitmix32

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN; // second Box-Muller deviate

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix32 = () => {
      s = (s + 0x9e3779b9) | 0;
      let t = s ^ (s >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    for (let i = 0; i < 15; i++) this.next();
  }

  /** uniform in [0, 1) */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** standard normal deviate */
  gauss(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** a count whose expectation is x (stochastic rounding): small expectations give honest zeros */
  count(x: number): number {
    return Math.floor(x + this.next());
  }
}

/** Picks items in proportion to weights (binary search over the cumulative sums). */
class Weighted<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(private readonly items: readonly T[], weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) this.cumulative[i] = sum += weights[i];
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

// ---------------------------------------------------------------------------
// 2. Dictionaries

interface Country {
  code: string;
  region: string;
  language: string;
  weight: number;
  ios: number; // share of mobile creators on iPhone
  android: AndroidMix;
  south: boolean; // southern hemisphere: seasons and school year flipped
  ramadan: boolean; // Muslim-majority: Ramadan is the event season in March 2025
}

type AndroidMix = 'west' | 'asia' | 'china' | 'global';
const ANDROID_BRANDS = ['Samsung', 'Xiaomi', 'Oppo', 'Vivo', 'Huawei', 'Pixel', 'Other'];
const ANDROID_MIX: Record<AndroidMix, Weighted<string>> = {
  west: new Weighted(ANDROID_BRANDS, [56, 5, 3, 1, 2, 24, 9]),
  asia: new Weighted(ANDROID_BRANDS, [22, 26, 18, 18, 4, 1, 11]),
  china: new Weighted(ANDROID_BRANDS, [3, 26, 16, 16, 34, 0, 5]),
  global: new Weighted(ANDROID_BRANDS, [38, 20, 10, 8, 9, 4, 11]),
};

const defineCountry = (
  code: string, region: string, language: string, weight: number, ios: number, android: AndroidMix,
  flags: { south?: boolean; ramadan?: boolean } = {},
): Country => ({ code, region, language, weight, ios, android, south: !!flags.south, ramadan: !!flags.ramadan });

const COUNTRIES: readonly Country[] = [
  defineCountry('US', 'North America', 'en', 14, 0.58, 'west'),
  defineCountry('IN', 'South Asia', 'hi', 9, 0.05, 'asia'),
  defineCountry('BR', 'Latin America', 'pt', 7, 0.15, 'global', { south: true }),
  defineCountry('ID', 'Southeast Asia', 'id', 5, 0.1, 'asia', { ramadan: true }),
  defineCountry('MX', 'Latin America', 'es', 5, 0.2, 'global'),
  defineCountry('GB', 'Europe', 'en', 5, 0.5, 'west'),
  defineCountry('DE', 'Europe', 'de', 4, 0.38, 'west'),
  defineCountry('FR', 'Europe', 'fr', 4, 0.35, 'west'),
  defineCountry('JP', 'East Asia', 'ja', 4, 0.65, 'west'),
  defineCountry('PH', 'Southeast Asia', 'tl', 3, 0.12, 'asia'),
  defineCountry('SA', 'MENA', 'ar', 3, 0.45, 'global', { ramadan: true }),
  defineCountry('EG', 'MENA', 'ar', 3, 0.1, 'global', { ramadan: true }),
  defineCountry('KR', 'East Asia', 'ko', 3, 0.3, 'west'),
  defineCountry('CA', 'North America', 'en', 3, 0.55, 'west'),
  defineCountry('ES', 'Europe', 'es', 3, 0.25, 'global'),
  defineCountry('TR', 'MENA', 'tr', 3, 0.18, 'global', { ramadan: true }),
  defineCountry('VN', 'Southeast Asia', 'vi', 2, 0.3, 'asia'),
  defineCountry('TH', 'Southeast Asia', 'th', 2, 0.25, 'asia'),
  defineCountry('PK', 'South Asia', 'ur', 2, 0.05, 'asia', { ramadan: true }),
  defineCountry('AR', 'Latin America', 'es', 2, 0.15, 'global', { south: true }),
  defineCountry('IT', 'Europe', 'it', 2, 0.3, 'global'),
  defineCountry('AU', 'Oceania', 'en', 2, 0.55, 'west', { south: true }),
  defineCountry('AE', 'MENA', 'ar', 2, 0.6, 'global', { ramadan: true }),
  defineCountry('NG', 'Sub-Saharan Africa', 'en', 2, 0.1, 'global'),
  defineCountry('CN', 'East Asia', 'zh', 2, 0.22, 'china'),
  defineCountry('ZA', 'Sub-Saharan Africa', 'en', 1, 0.18, 'global', { south: true }),
  defineCountry('KE', 'Sub-Saharan Africa', 'sw', 1, 0.08, 'global'),
  defineCountry('NL', 'Europe', 'nl', 1, 0.45, 'west'),
  defineCountry('SE', 'Europe', 'sv', 1, 0.55, 'west'),
  defineCountry('PL', 'Europe', 'pl', 1, 0.18, 'global'),
];
const COUNTRY_PICK = new Weighted(COUNTRIES, COUNTRIES.map((c) => c.weight));

interface Category {
  name: string;
  weight: number;
  genres: readonly string[];
  keywords: readonly string[]; // English, lower case; also the hashtags and tags
  emoji: readonly string[];
  handleTopics: readonly string[]; // second half of brand-like handles
}

const CATEGORIES: readonly Category[] = [
  { name: 'Entertainment', weight: 14, genres: ['Skits', 'Reactions', 'Pranks'], keywords: ['prank', 'reaction', 'storytime', 'plot twist', 'pov', 'behind the scenes'], emoji: ['🎬', '😱', '🍿'], handleTopics: ['tv', 'studio', 'films'] },
  { name: 'Education', weight: 8, genres: ['Explainers', 'Language', 'Science'], keywords: ['facts', 'explained', 'study tips', 'history', 'science', 'language hack'], emoji: ['📚', '🧠', '💡'], handleTopics: ['learns', 'academy', 'explains'] },
  { name: 'Gaming', weight: 10, genres: ['Mobile', 'Console', 'Speedrun'], keywords: ['gameplay', 'clutch', 'speedrun', 'minecraft', 'fortnite', 'boss fight'], emoji: ['🎮', '🕹️', '🏆'], handleTopics: ['plays', 'gaming', 'gg'] },
  { name: 'Music', weight: 12, genres: ['Pop', 'Hip-Hop', 'Covers'], keywords: ['cover', 'remix', 'dance', 'duet', 'acoustic', 'beat drop'], emoji: ['🎵', '🎤', '🎧'], handleTopics: ['beats', 'music', 'sounds'] },
  { name: 'Comedy', weight: 11, genres: ['Stand-up', 'Parody', 'Memes'], keywords: ['funny', 'skit', 'meme', 'parody', 'relatable', 'impression'], emoji: ['😂', '🤣', '💀'], handleTopics: ['laughs', 'comedy', 'lol'] },
  { name: 'Beauty', weight: 7, genres: ['Makeup', 'Skincare', 'Hair'], keywords: ['makeup', 'grwm', 'skincare', 'glow up', 'hair routine', 'nail art'], emoji: ['💄', '✨', '💅🏽'], handleTopics: ['beauty', 'glam', 'glow'] },
  { name: 'Fashion', weight: 6, genres: ['Streetwear', 'Hauls', 'OOTD'], keywords: ['outfit', 'haul', 'thrift flip', 'styling', 'ootd', 'sneakers'], emoji: ['👗', '👟', '🛍️'], handleTopics: ['style', 'fits', 'closet'] },
  { name: 'Food', weight: 9, genres: ['Recipes', 'Street Food', 'Mukbang'], keywords: ['recipe', 'street food', 'asmr', 'mukbang', 'easy dinner', 'meal prep'], emoji: ['🍜', '🍕', '👩‍🍳'], handleTopics: ['eats', 'kitchen', 'cooks'] },
  { name: 'Travel', weight: 5, genres: ['City Guides', 'Vlogs', 'Hidden Gems'], keywords: ['travel', 'hidden gem', 'vlog', 'budget trip', 'beach', 'road trip'], emoji: ['✈️', '🌍', '🏝️'], handleTopics: ['travels', 'wanders', 'trips'] },
  { name: 'Sports', weight: 6, genres: ['Football', 'Basketball', 'Highlights'], keywords: ['goal', 'highlights', 'skills', 'nba', 'training', 'last minute'], emoji: ['⚽', '🏀', '🔥'], handleTopics: ['sports', 'hoops', 'goals'] },
  { name: 'Tech', weight: 5, genres: ['Gadgets', 'AI', 'How-to'], keywords: ['iphone', 'ai tools', 'gadget', 'desk setup', 'review', 'unboxing'], emoji: ['📱', '🤖', '💻'], handleTopics: ['tech', 'bytes', 'labs'] },
  { name: 'Fitness', weight: 5, genres: ['Workouts', 'Yoga', 'Nutrition'], keywords: ['gym', 'abs', 'yoga', 'protein', 'transformation', 'home workout'], emoji: ['💪', '🏋️', '🧘'], handleTopics: ['fit', 'moves', 'gym'] },
  { name: 'Pets', weight: 4, genres: ['Dogs', 'Cats', 'Exotic Pets'], keywords: ['dog', 'cat', 'puppy', 'kitten', 'rescue', 'zoomies'], emoji: ['🐶', '🐱', '🐾'], handleTopics: ['paws', 'pets', 'zoo'] },
  { name: 'DIY', weight: 4, genres: ['Crafts', 'Home', 'Lifehacks'], keywords: ['diy', 'hack', 'crafts', 'room makeover', 'upcycle', 'woodwork'], emoji: ['🛠️', '🎨', '🏠'], handleTopics: ['makes', 'diy', 'crafts'] },
  { name: 'News', weight: 3, genres: ['Explainers', 'Local', 'Finance'], keywords: ['breaking', 'explained', 'update', 'money', 'market', 'election'], emoji: ['📰', '📈', '🗞️'], handleTopics: ['news', 'daily', 'brief'] },
];
const CATEGORY_PICK = new Weighted(CATEGORIES.map((_, i) => i), CATEGORIES.map((c) => c.weight));
const GENERIC_EMOJI = ['🔥', '😂', '✨', '💯', '🚀', '😍', '👀', '🤯', '🙌🏽', '❤️', '😭', '🫶'];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** English titles; a few carry commas and double quotes so the CSV quoting is exercised. */
const ENGLISH_TITLES: readonly ((k: string, n: number) => string)[] = [
  (k) => `${cap(k)} you need to see`,
  (k) => `Wait for it, ${k} edition`,
  (k) => `Top 5 ${k} moments`,
  (k) => `My "secret" ${k} trick`,
  (k) => `${cap(k)} in 30 seconds`,
  (k) => `Trying the ${k} trend`,
  (k, n) => `Day ${n} of ${k}`,
  (k) => `POV: ${k}`,
  (k) => `Why ${k} hits different`,
  (k) => `${cap(k)}, but make it aesthetic`,
  (k) => `Rating ${k} from 1 to 10`,
  (k) => `Is this the best ${k}?`,
  (k) => `"${cap(k)}" they said`,
  (k) => `I tried ${k} for a week`,
  (k, n) => `${cap(k)} part ${n}`,
];

/** Topic-neutral phrases per language; often followed by the English keyword (code-mixing is common). */
const NATIVE_TITLES: Record<string, readonly string[]> = {
  es: ['Espera hasta el final', 'No vas a creer esto', 'Un día en mi vida', 'Inténtalo en casa', 'Lo mejor del año', '¿Quién más?', 'Truco fácil'],
  pt: ['Espera até o final', 'Você não vai acreditar', 'Um dia na minha vida', 'Tenta em casa', 'O melhor do ano', 'Dica rápida', 'Reação sincera'],
  fr: ['Attends la fin', 'Tu ne vas pas y croire', 'Une journée avec moi', 'À essayer chez soi', "Le meilleur de l'année", 'Astuce rapide', 'Réaction honnête'],
  de: ['Warte bis zum Ende', 'Das glaubst du nicht', 'Ein Tag mit mir', "Probier's zu Hause", 'Größter Fehler', 'Schneller Trick', 'Ehrliche Reaktion'],
  it: ['Aspetta la fine', 'Non ci crederai', 'Una giornata con me', 'Prova a casa', "Il migliore dell'anno", 'Trucco veloce', 'Reazione sincera'],
  nl: ['Wacht tot het einde', 'Dit geloof je niet', 'Een dag met mij', 'Probeer het thuis', 'Snelle tip'],
  sv: ['Vänta till slutet', 'Det här tror du inte', 'En dag med mig', 'Testa hemma', 'Snabbt tips'],
  pl: ['Czekaj do końca', 'Nie uwierzysz', 'Dzień ze mną', 'Spróbuj w domu', 'Szybki trik'],
  tr: ['Sonuna kadar izle', 'Buna inanmayacaksın', 'Benimle bir gün', 'Evde dene', 'Hızlı ipucu', 'Çok güzel oldu'],
  vi: ['Xem đến cuối nhé', 'Bạn sẽ không tin đâu', 'Một ngày của mình', 'Thử ở nhà', 'Mẹo nhanh'],
  id: ['Tunggu sampai akhir', 'Kamu nggak akan percaya', 'Sehari bersamaku', 'Coba di rumah', 'Tips cepat'],
  tl: ['Hintayin mo ang dulo', 'Hindi ka maniniwala', 'Isang araw kasama ako', 'Subukan sa bahay', 'Mabilis na tip'],
  sw: ['Subiri hadi mwisho', 'Hutaamini hii', 'Siku moja nami', 'Jaribu nyumbani', 'Mbinu ya haraka'],
  ar: ['انتظر حتى النهاية', 'لن تصدق هذا', 'يوم في حياتي', 'جربها في البيت', 'نصيحة سريعة', 'أجمل لحظة'],
  ur: ['آخر تک دیکھیں', 'آپ یقین نہیں کریں گے', 'میری زندگی کا ایک دن', 'گھر پر آزمائیں', 'جلدی ٹپ'],
  hi: ['आखिर तक देखो', 'आप यकीन नहीं करेंगे', 'मेरी ज़िंदगी का एक दिन', 'घर पर ट्राई करें', 'आसान ट्रिक', 'मज़ेदार वीडियो'],
  th: ['ดูจนจบนะ', 'ไม่น่าเชื่อเลย', 'หนึ่งวันของฉัน', 'ลองทำที่บ้าน', 'เคล็ดลับง่ายๆ', 'ตลกมาก'],
  ja: ['最後まで見てね', '信じられない瞬間', '私の一日', '家でやってみて', '簡単なコツ', '神回'],
  zh: ['一定要看到最后', '你不会相信', '我的一天', '在家试试', '小技巧', '太好笑了'],
  ko: ['끝까지 보세요', '믿을 수 없어요', '나의 하루', '집에서 해보세요', '꿀팁', '레전드 모먼트'],
};
/** share of titles written in the country's language (the rest are English) */
const NATIVE_TITLE_SHARE: Record<string, number> = { ja: 0.75, zh: 0.8, ko: 0.7, th: 0.65, ar: 0.65, hi: 0.5, ur: 0.5 };

const COMMENTS: Record<string, readonly string[]> = {
  en: ['so good 😍', 'wait what', 'first!', 'this is "iconic"', 'need part 2, please', 'who else is here in 2025?', 'lol 😂😂', 'ok but the ending, wow', 'saving this', 'the editing 🔥'],
  es: ['¡qué bueno!', 'jajaja 😂', 'necesito la parte 2'], pt: ['que incrível', 'kkkkk 😂', 'manda a parte 2'],
  fr: ['trop bien', 'mdr 😂', 'la suite, vite !'], de: ['richtig gut', 'wie geil 😂'], it: ['bellissimo', 'ahahah 😂'],
  nl: ['wat goed', 'haha 😂'], sv: ['så bra', 'haha 😂'], pl: ['super', 'haha 😂'], tr: ['çok iyi', 'devamı gelsin'],
  vi: ['hay quá', 'cười xỉu 😂'], id: ['keren banget', 'wkwkwk 😂'], tl: ['ang galing', 'hahaha 😂'], sw: ['safi sana', 'hahaha 😂'],
  ar: ['تحفة', 'ما شاء الله 😍', 'كمل الجزء الثاني'], ur: ['زبردست', 'بہت خوب 😍'], hi: ['बहुत बढ़िया', 'मज़ा आ गया 😂'],
  th: ['ดีมาก', '555 😂'], ja: ['最高すぎる', '草 😂'], zh: ['太好看了', '哈哈哈 😂'], ko: ['대박', 'ㅋㅋㅋ 😂'],
};

const NAMES = ['maya', 'omar', 'lina', 'kenji', 'sofia', 'raj', 'lucas', 'amara', 'chen', 'noah', 'fatima', 'jonas', 'zoe', 'leo', 'aisha', 'diego', 'hana', 'ivan', 'priya', 'mateo', 'yuki', 'nora', 'sam', 'tariq', 'emma', 'kai', 'lea', 'ravi', 'ana', 'min'];
const BRAND_STEMS = ['glow', 'urban', 'pixel', 'nomad', 'lofi', 'tasty', 'vibe', 'nova', 'drift', 'spark', 'cozy', 'bold', 'retro', 'zen', 'hype', 'golden', 'wild', 'snack', 'daily', 'big'];
const ACCENTED_NAMES = ['josé', 'zoë', 'chloé', 'andré', 'müller', 'señora', 'çağla', 'łukasz', 'ngọc', 'søren', 'inês', 'françois', 'björk', 'małgosia', 'renée'];
const NATIVE_HANDLES: Record<string, readonly string[]> = {
  ja: ['料理の達人', 'ゆるキャン日記', 'ゲーム実況ちゃんねる', 'はなの毎日'], zh: ['小美的厨房', '阿杰游戏', '旅行的猫', '科技宅'],
  ko: ['하루먹방', '민지뷰티', '서울산책', '게임하는준'], ar: ['مطبخ_سارة', 'عالم_التقنية', 'رحلات_عمر', 'ضحك_يومي'],
  hi: ['देसी_शेफ', 'टेक_गुरु', 'मस्ती_की_पाठशाला', 'यात्री_राज'], th: ['แม่ครัวน้อย', 'เที่ยวไทยไปกัน', 'เกมเมอร์สายฮา'],
  ur: ['لاہوری_کھانے', 'ٹیک_دنیا'],
};

const PLATFORMS = ['TikTok', 'YouTube'] as const;
const TIKTOK = 0;
const YOUTUBE = 1;
const SOUND_PICK = [
  new Weighted(['original', 'trending', 'licensed', 'remix'], [45, 35, 10, 10]),
  new Weighted(['', 'original', 'licensed', 'trending'], [30, 40, 20, 10]),
];
const TRACKS = [
  'Espresso - Sabrina Carpenter', 'APT. - ROSÉ & Bruno Mars', 'Die With A Smile - Lady Gaga, Bruno Mars', 'Birds of a Feather - Billie Eilish',
  'Tití Me Preguntó - Bad Bunny', 'Calm Down - Rema, Selena Gomez', 'Supernatural - NewJeans', 'luther - Kendrick Lamar, SZA',
  'Beautiful Things - Benson Boone', 'Ya Lili - Balti', 'Pink Pony Club - Chappell Roan', 'Abracadabra - Lady Gaga',
  'Kesariya - Arijit Singh', 'Ordinary - Alex Warren', 'Gata Only - FloyyMenor, Cris MJ',
];
const TREND_LABEL_PICK = new Weighted(['rising', 'stable', 'declining', 'seasonal'], [30, 42, 20, 8]);
const SOURCE_HINT_PICK = new Weighted(['api', 'scrape', 'studio_export', 'partner_feed'], [45, 30, 20, 5]);
const NOTES = ['reposted from main account', 'collab, paid partnership', 'trimmed from livestream', 'sound removed, re-uploaded', 'duet with a fan', 'pinned comment: "link in bio"', 'part of a series'];
const TRAFFIC_PICK = [
  new Weighted(['ForYou', 'Following', 'Search', 'External'], [62, 14, 14, 10]),
  new Weighted(['Home', 'Suggested', 'Search', 'External'], [30, 38, 20, 12]),
];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** local upload hour: quiet small hours, lunch bump, evening peak at 19-20 */
const HOUR_WEIGHTS = [1.6, 1.0, 0.6, 0.4, 0.4, 0.6, 1.1, 1.8, 2.4, 2.8, 3.0, 3.4, 4.0, 3.8, 3.6, 3.8, 4.4, 5.4, 6.6, 7.4, 7.6, 6.8, 4.8, 3.0];
const HOUR_PICK = new Weighted(HOUR_WEIGHTS.map((_, h) => h), HOUR_WEIGHTS);
const WEEKDAY_WEIGHTS = [0.92, 0.96, 1.0, 1.04, 1.1, 1.06, 0.98]; // Monday..Sunday

// Views: log-normal, median 60k, sigma 1.0 in all (mean ~99k, p90 ~216k as in the reference
// dataset), split into a creator effect and a per-video effect.
const LOG_MEDIAN_VIEWS = Math.log(60_000);
const CREATOR_VIEW_SIGMA = 0.6;
const VIDEO_VIEW_SIGMA = 0.8;
const ZERO_VIEWS_SHARE = 0.002;
// (likes + comments + shares) / views: median 6.6%, p90 ~10.8%; saves come on top.
const LOG_MEDIAN_ENGAGEMENT = Math.log(0.0668); // a touch above 6.6%: missing and hidden counts pull the observed median down
const CREATOR_ENGAGEMENT_SIGMA = 0.18;
const VIDEO_ENGAGEMENT_SIGMA = 0.33;
const PLATFORM_ENGAGEMENT = [Math.log(1.06), Math.log(0.93)]; // TikTok a little livelier
const MISSING = { likes: 0.01, comments: 0.01, shares: 0.005, category: 0.01, duration: 0.003 };

// ---------------------------------------------------------------------------
// 3. Calendar: 2025-01-01 .. 2025-08-31, one entry per day

interface Day {
  iso: string;
  month: number; // 1..12
  dayOfMonth: number;
  weekday: number; // 0 = Monday
  isoWeek: number;
}

const FIRST_DAY_MS = Date.UTC(2025, 0, 1);
const DAY_COUNT = 243;
const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

const DAYS: readonly Day[] = Array.from({ length: DAY_COUNT }, (_, i) => {
  const date = new Date(FIRST_DAY_MS + i * 86_400_000);
  const month = date.getUTCMonth() + 1;
  const dayOfMonth = date.getUTCDate();
  const weekday = (date.getUTCDay() + 6) % 7;
  // ISO 8601: week of the ordinal day counted from the week's Thursday; no date in this range
  // falls into week 0 or 53, so the year-boundary corrections are not needed.
  const isoWeek = Math.floor((i + 1 - (weekday + 1) + 10) / 7);
  return { iso: `2025-${pad2(month)}-${pad2(dayOfMonth)}`, month, dayOfMonth, weekday, isoWeek };
});
// More uploads later in the period (a growing platform) and on Thursday-Saturday.
const DAY_PICK = new Weighted(DAYS, DAYS.map((d, i) => WEEKDAY_WEIGHTS[d.weekday] * (1 + (0.35 * i) / DAY_COUNT)));

function climateSeason(month: number, south: boolean): string {
  const north = month === 12 || month <= 2 ? 'Winter' : month <= 5 ? 'Spring' : month <= 8 ? 'Summer' : 'Fall';
  if (!south) return north;
  return { Winter: 'Summer', Spring: 'Fall', Summer: 'Winter', Fall: 'Spring' }[north];
}

function eventSeason(day: Day, c: Country): string {
  const md = day.month * 100 + day.dayOfMonth;
  if (c.ramadan && md >= 301 && md <= 330) return 'Ramadan'; // Ramadan 2025: 1-30 March
  if (md <= 106) return 'HolidaySeason';
  if (c.south) return md <= 131 ? 'SummerBreak' : md <= 220 ? 'BackToSchool' : 'None';
  return md >= 615 && md <= 814 ? 'SummerBreak' : md >= 815 ? 'BackToSchool' : 'None';
}

const publishPeriod = (hour: number) =>
  hour >= 5 && hour <= 11 ? 'Morning' : hour >= 12 && hour <= 16 ? 'Afternoon' : hour >= 17 && hour <= 21 ? 'Evening' : 'Night';

// ---------------------------------------------------------------------------
// 4. Creators: a pool sized to the row count, drawn Zipf-like (weight 1/(rank+2)), so a few
// creators hold hundreds of rows and a long tail has 1-3.

interface Creator {
  handle: string;
  country: Country;
  platform: number; // index into PLATFORMS: where the creator mostly posts
  category: number;
  viewEffect: number; // log-scale creator effect on views
  engagementEffect: number;
  durationMedian: number; // seconds, the creator's usual length
  habitualHour: number;
  device: 'Android' | 'iOS' | 'Web';
  brand: string;
  avgViews: string; // creator_avg_views, formatted
  tier: string;
}

const ACRONYMS = new Set(['tv', 'gg', 'lol', 'diy']);

function makeHandle(rng: Rng, lang: string, category: Category, platform: number): string {
  const native = NATIVE_HANDLES[lang];
  if (native && rng.chance(0.35)) return rng.pick(native);
  const r = rng.next();
  const name = r < 0.05 ? rng.pick(ACCENTED_NAMES) : r < 0.55 ? rng.pick(NAMES) : rng.pick(BRAND_STEMS);
  const topic = rng.pick(category.handleTopics);
  let handle: string;
  if (platform === YOUTUBE && rng.chance(0.6)) handle = `${cap(name)} ${ACRONYMS.has(topic) ? topic.toUpperCase() : cap(topic)}`; // a channel name
  else {
    const prefix = rng.chance(0.2) ? rng.pick(['the', 'its', 'real', 'just']) : '';
    handle = '@' + prefix + name + rng.pick(['', '.', '_']) + topic;
  }
  if (rng.chance(0.025)) handle = rng.chance(0.5) ? rng.pick(category.emoji) + handle : handle + rng.pick(category.emoji);
  return handle;
}

/**
 * creator_avg_views is the creator's *expected* mean views from its latent parameters, not the
 * mean over its emitted rows: that keeps generation one streaming pass. With few rows per
 * creator the two differ by the sampling noise of a log-normal mean.
 */
function expectedViews(viewEffect: number): number {
  return (1 - ZERO_VIEWS_SHARE) * Math.exp(LOG_MEDIAN_VIEWS + viewEffect + (VIDEO_VIEW_SIGMA * VIDEO_VIEW_SIGMA) / 2);
}

const creatorTier = (avg: number) => (avg < 50_000 ? 'Micro' : avg < 150_000 ? 'Mid' : avg < 400_000 ? 'Macro' : 'Star');

/** one N(0,1) draw per creator, then shifted and scaled to weighted mean 0 and weighted sd 1 */
function standardNormals(rng: Rng, weights: Float64Array): Float64Array {
  const z = Float64Array.from(weights, () => rng.gauss());
  let total = 0, mean = 0, sq = 0;
  for (let i = 0; i < z.length; i++) { total += weights[i]; mean += weights[i] * z[i]; }
  mean /= total;
  for (let i = 0; i < z.length; i++) sq += weights[i] * (z[i] - mean) ** 2;
  const sd = Math.sqrt(sq / total) || 1;
  return z.map((x) => (x - mean) / sd);
}

function makeCreators(rng: Rng, rows: number): Weighted<Creator> {
  const size = Math.max(40, Math.ceil(rows / 5));
  const weights = Float64Array.from({ length: size }, (_, rank) => 1 / (rank + 3));
  // Creator effects are standardised over *rows* (the weights), so video-level views, engagement
  // and durations keep their median and spread however the few heavy creators were drawn.
  const viewEffects = standardNormals(rng, weights);
  const engagementEffects = standardNormals(rng, weights);
  const durationEffects = standardNormals(rng, weights);

  const seen = new Set<string>();
  const creators: Creator[] = [];
  for (let i = 0; i < size; i++) {
    const home = COUNTRY_PICK.pick(rng);
    const platform = rng.chance(0.55) ? TIKTOK : YOUTUBE;
    const category = CATEGORY_PICK.pick(rng);
    let handle = makeHandle(rng, home.language, CATEGORIES[category], platform);
    for (let attempt = 1; seen.has(handle); attempt++) {
      const base = handle.replace(/\s?\d+$/, '');
      handle = base + (/\s/.test(base) ? ' ' : '') + rng.int(2, 9 + 40 * attempt * attempt);
    }
    seen.add(handle);
    const viewEffect = CREATOR_VIEW_SIGMA * viewEffects[i];
    const device = rng.chance(platform === YOUTUBE ? 0.12 : 0.04) ? 'Web' : rng.chance(home.ios) ? 'iOS' : 'Android';
    const brand = device === 'Web' ? 'Desktop' : device === 'iOS' ? 'iPhone' : ANDROID_MIX[home.android].pick(rng);
    const avg = expectedViews(viewEffect);
    creators.push({
      handle, country: home, platform, category, viewEffect, device, brand,
      engagementEffect: CREATOR_ENGAGEMENT_SIGMA * engagementEffects[i],
      durationMedian: Math.exp(Math.log(platform === TIKTOK ? 29 : 37) + 0.3 * durationEffects[i]),
      habitualHour: HOUR_PICK.pick(rng),
      avgViews: avg.toFixed(1),
      tier: creatorTier(avg),
    });
  }
  return new Weighted(creators, weights);
}

// ---------------------------------------------------------------------------
// 5. Rows

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '');
const HAS_EMOJI = /\p{Extended_Pictographic}/u;

/** Log-normal duration around the creator's usual length, redrawn (not clipped) into [5, max]. */
function drawDuration(rng: Rng, median: number, platform: number): number {
  if (platform === YOUTUBE && rng.chance(0.03)) return rng.int(91, 180); // Shorts may run up to 3 min
  const max = platform === TIKTOK ? 75 : 90;
  for (let i = 0; i < 8; i++) {
    const d = Math.round(median * Math.exp(0.6 * rng.gauss()));
    if (d >= 5 && d <= max) return d;
  }
  return Math.round(Math.min(max, Math.max(5, median)));
}

function makeTitle(rng: Rng, lang: string, category: Category, keyword: string): string {
  const native = NATIVE_TITLES[lang];
  let title: string;
  if (native && rng.chance(NATIVE_TITLE_SHARE[lang] ?? 0.55)) {
    title = rng.pick(native);
    if (rng.chance(0.35)) title += rng.pick([': ', ' | ', ' - ']) + keyword;
  } else {
    title = rng.pick(ENGLISH_TITLES)(keyword, rng.int(1, 100));
  }
  const e = rng.next();
  if (e < 0.24) title += ' ' + rng.pick(rng.chance(0.5) ? category.emoji : GENERIC_EMOJI);
  else if (e < 0.3) title += ' ' + rng.pick(GENERIC_EMOJI) + rng.pick(GENERIC_EMOJI);
  else if (e < 0.33) title = rng.pick(category.emoji) + ' ' + title;
  return title;
}

/** row_id keys seen so far: 64 bits of each md5 in an open-addressing table (linear probing) */
class SeenIds {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private size = 0;

  /** false when the key was already there */
  add(digest: Buffer): boolean {
    if (2 * (this.size + 1) > this.hi.length) this.grow();
    const added = this.insert(digest.readUInt32LE(0), digest.readUInt32LE(4) || 1); // 0:0 marks an empty slot
    if (added) this.size++;
    return added;
  }

  private insert(hi: number, lo: number): boolean {
    const mask = this.hi.length - 1;
    for (let i = (lo ^ hi) & mask; ; i = (i + 1) & mask) {
      if (this.lo[i] === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        return true;
      }
      if (this.lo[i] === lo && this.hi[i] === hi) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    for (let i = 0; i < hi.length; i++) if (lo[i] !== 0) this.insert(hi[i], lo[i]);
  }
}

/**
 * Yields `rows` rows of 58 cells (strings, '' for missing) in SEED_COLUMNS order. The creator
 * pool is sized to `rows`, so a 3,000-row run is not the head of a 1M-row run with the same seed.
 */
export function* generateRows(rows: number, seed = DEFAULT_SEED): Generator<string[]> {
  const rng = new Rng(seed);
  const creatorPick = makeCreators(rng, rows);
  const seenIds = new SeenIds();

  for (let r = 0; r < rows; r++) {
    const creator = creatorPick.pick(rng);
    const place = rng.chance(0.96) ? creator.country : COUNTRY_PICK.pick(rng);
    const lang = place.language;
    const p = rng.chance(0.88) ? creator.platform : 1 - creator.platform;
    const platform = PLATFORMS[p];
    const category = CATEGORIES[rng.chance(0.75) ? creator.category : CATEGORY_PICK.pick(rng)];
    const genre = rng.pick(category.genres);
    const keyword = rng.pick(category.keywords);
    const keyword2 = rng.pick(category.keywords);
    const day = DAY_PICK.pick(rng);
    const hour = rng.chance(0.55) ? (creator.habitualHour + Math.round(1.2 * rng.gauss()) + 24) % 24 : HOUR_PICK.pick(rng);

    // Views and the engagement counts that follow them
    const viewNoise = rng.gauss();
    const views = rng.chance(ZERO_VIEWS_SHARE) ? 0 : Math.max(1, Math.round(Math.exp(LOG_MEDIAN_VIEWS + creator.viewEffect + VIDEO_VIEW_SIGMA * viewNoise)));
    const rate = Math.exp(LOG_MEDIAN_ENGAGEMENT + creator.engagementEffect + PLATFORM_ENGAGEMENT[p] + VIDEO_ENGAGEMENT_SIGMA * rng.gauss());
    const wl = 0.86 * Math.exp(0.12 * rng.gauss());
    const wc = 0.055 * Math.exp(0.45 * rng.gauss());
    const ws = 0.085 * Math.exp(0.6 * rng.gauss());
    const base = (views * rate) / (wl + wc + ws);
    const likes = rng.count(base * wl);
    const comments = rng.count(base * wc);
    const shares = rng.chance(p === YOUTUBE ? 0.04 : 0.015) ? 0 : rng.count(base * ws); // shares hidden or off
    const saves = rng.count(views * rate * 0.12 * Math.exp(0.45 * rng.gauss()));
    const dislikes = p === YOUTUBE ? rng.count(likes * 0.025 * Math.exp(0.5 * rng.gauss())) : rng.count(likes * 0.004 * Math.exp(0.6 * rng.gauss()));
    const hasLikes = !rng.chance(MISSING.likes);
    const hasComments = !rng.chance(MISSING.comments);
    const hasShares = !rng.chance(MISSING.shares);
    const hasCategory = !rng.chance(MISSING.category);
    const hasDuration = !rng.chance(MISSING.duration);

    const duration = drawDuration(rng, creator.durationMedian, p);
    const completion = Math.min(1, Math.max(0.05, 0.95 * Math.pow(8 / duration, 0.35) * Math.exp(0.2 * rng.gauss())));
    const watch = Math.round(duration * completion * 100) / 100;
    const trendDays = Math.min(90, Math.max(1, Math.round(Math.exp(Math.log(9) + 0.25 * viewNoise + 0.6 * rng.gauss()))));

    // Text
    let title = makeTitle(rng, lang, category, keyword);
    const tags = [...new Set([genre.toLowerCase(), category.name.toLowerCase(), keyword, keyword2, p === YOUTUBE ? 'shorts' : 'fyp'])];
    if (rng.chance(0.3)) tags.push('viral');
    const hashtag = '#' + slug(rng.chance(0.65) ? keyword : genre);
    const titleKeywords = keyword === keyword2 ? keyword : `${keyword} ${keyword2}`;
    const sound = SOUND_PICK[p].pick(rng);
    const track = sound === '' || sound === 'original' ? '' : rng.pick(TRACKS);
    const comment = rng.pick(COMMENTS[lang] && rng.chance(0.6) ? COMMENTS[lang] : COMMENTS.en);
    const notes = rng.chance(0.12) ? rng.pick(NOTES) : '';
    const season = eventSeason(day, place);
    const trendLabel = season !== 'None' && rng.chance(0.25) ? 'seasonal' : TREND_LABEL_PICK.pick(rng);
    const device = rng.chance(0.92) ? creator.device : rng.chance(place.ios) ? 'iOS' : 'Android';
    const brand = device === creator.device ? creator.brand : device === 'iOS' ? 'iPhone' : ANDROID_MIX[place.android].pick(rng);

    // row_id: md5 over the listed fields; a repeated key (same creator, title, day and length)
    // gets a numbered title instead, so row_id stays a primary key.
    const durationCell = hasDuration ? String(duration) : '';
    let digest: Buffer;
    for (let n = 2; ; n++) {
      digest = createHash('md5').update([platform, place.code, creator.handle, title, day.iso, durationCell].join('|')).digest();
      if (seenIds.add(digest)) break;
      title = title.replace(/ \(\d+\)$/, '') + ` (${n})`;
    }

    // Derived columns, from the cells as written (a missing component counts as 0)
    const likesV = hasLikes ? likes : 0;
    const commentsV = hasComments ? comments : 0;
    const sharesV = hasShares ? shares : 0;
    const total = likesV + commentsV + sharesV + saves;
    const perView = views > 0 ? 1 / views : NaN;
    const likeRate = hasLikes ? fixed(likes * perView, 5) : '';
    const commentRate = hasComments ? fixed(comments * perView, 5) : '';
    const shareRate = hasShares ? fixed(shares * perView, 5) : '';

    yield [
      platform,
      place.code,
      place.region,
      lang,
      hasCategory ? category.name : '',
      hashtag,
      titleKeywords,
      creator.handle,
      sound,
      track,
      String(day.isoWeek),
      durationCell,
      String(views),
      hasLikes ? String(likes) : '',
      hasComments ? String(comments) : '',
      hasShares ? String(shares) : '',
      String(saves),
      fixed(total * perView, 5),
      trendLabel,
      SOURCE_HINT_PICK.pick(rng),
      notes,
      device,
      String(hour),
      genre,
      String(trendDays),
      trendDays <= 7 ? 'Short' : trendDays <= 21 ? 'Medium' : 'Evergreen',
      (views / trendDays).toFixed(2),
      String(dislikes),
      commentRate,
      shareRate,
      fixed(saves * perView, 5),
      hasLikes ? (likes / (dislikes + 1)).toFixed(2) : '',
      WEEKDAY_NAMES[day.weekday],
      publishPeriod(hour),
      season,
      tags.join(','),
      comment,
      creator.avgViews,
      creator.tier,
      climateSeason(day.month, place.south),
      day.iso,
      day.iso.slice(0, 7),
      title,
      String([...title].length),
      HAS_EMOJI.test(title) ? '1' : '0',
      hasDuration ? watch.toFixed(2) : '',
      hasDuration ? (watch / duration).toFixed(4) : '',
      brand,
      TRAFFIC_PICK[p].pick(rng),
      day.weekday >= 4 ? '1' : '0', // the schema counts Friday to Sunday as the weekend
      digest.toString('hex'),
      String(total),
      likeRate,
      fixed(dislikes * perView, 5),
      fixed(total * perView * 1000, 2),
      likeRate,
      commentRate,
      shareRate,
    ];
  }
}

// ---------------------------------------------------------------------------
// 6. CSV

const NEEDS_QUOTES = /[",\r\n]/;
const CHUNK_CHARS = 1 << 20;

function csvField(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
}

function csvLine(cells: readonly string[]): string {
  let line = csvField(cells[0]);
  for (let i = 1; i < cells.length; i++) line += ',' + csvField(cells[i]);
  return line + '\n';
}

/** Writes the header and `rows` generated rows to `path`, in ~1 MB chunks honouring backpressure. */
export async function writeSampleCsv(path: string, rows: number, seed = DEFAULT_SEED): Promise<void> {
  const out = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.once('close', resolve);
  });
  closed.catch(() => {}); // awaited below; a write error must not surface as unhandled meanwhile
  try {
    let chunk = csvLine(SEED_COLUMNS);
    for (const cells of generateRows(rows, seed)) {
      chunk += csvLine(cells);
      if (chunk.length >= CHUNK_CHARS) {
        if (!out.write(chunk)) await Promise.race([once(out, 'drain'), closed]);
        chunk = '';
      }
    }
    out.end(chunk);
    await closed;
  } catch (err) {
    out.destroy();
    throw err;
  }
}
