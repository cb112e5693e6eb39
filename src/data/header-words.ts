// The header vocabulary of column detection (SPEC 2, "detection reads header names as words"):
// the words and phrases that name each concept in the export languages of the main markets,
// the count prefixes, and the qualifier words that make a name something else (`avg_views`).
// Data only: columns.ts tokenises headers and matches them against these lists.

// Sources of the localised words: the column labels of TikTok Studio, YouTube Studio and Meta
// Business Suite in each interface language (their help pages and localised exports), Kaggle
// trending files of several countries, and scraper datasets (Vietnamese `vid_nview`-style names).
// Words are written as people write them (accents, apostrophes); columns.ts folds accents and
// splits them into tokens the same way it splits headers.

import type { DetectedConcept } from '../types.ts';

export type Lang = 'en' | 'fr' | 'es' | 'pt' | 'de' | 'it' | 'id' | 'vi';

export const LANGUAGE_NAMES: Record<Lang, string> = {
  en: 'English', fr: 'French', es: 'Spanish', pt: 'Portuguese', de: 'German', it: 'Italian',
  id: 'Indonesian', vi: 'Vietnamese',
};

/**
 * Per concept, per language: the words or phrases naming it, most specific first. Plural count
 * words also match their singular when a count word stands beside them (`num_like`, `vid_nview`).
 * The rows' own concepts have words too: the video id (`Lien de la vidéo`, `Inhalt`), the export
 * time (`vid_scrapeTime`) and the time of day (`Tageszeit`).
 */
export const HEADER_WORDS: Partial<Record<DetectedConcept, Partial<Record<Lang, readonly string[]>>>> = {
  views: {
    en: ['views', 'plays', 'video views', 'play count', 'view count'],
    fr: ['vues', 'nombre de vues', 'lectures', 'visionnages'],
    es: ['reproducciones', 'visualizaciones', 'vistas'],
    pt: ['visualizações', 'visualizacoes', 'reproduções', 'exibições'],
    de: ['aufrufe', 'wiedergaben', 'videoaufrufe'],
    it: ['visualizzazioni', 'riproduzioni'],
    id: ['tayangan', 'penayangan', 'ditonton', 'jumlah tayangan'],
    vi: ['lượt xem', 'số lượt xem'],
  },
  likes: {
    en: ['likes', 'hearts', 'diggs', 'thumbs up', 'reactions'],
    fr: ["j'aime", 'mentions j’aime', 'jaime'],
    es: ['me gusta', 'megusta'],
    pt: ['curtidas', 'marcações gostei', 'gostei', 'gostos', 'gosto'],
    de: ['mag ich', 'gefällt mir', 'gefaellt mir'],
    it: ['mi piace'],
    id: ['suka', 'disukai'],
    vi: ['lượt thích', 'thích'],
  },
  comments: {
    en: ['comments', 'comments added'],
    fr: ['commentaires'],
    es: ['comentarios'],
    pt: ['comentários'],
    de: ['kommentare'],
    it: ['commenti'],
    id: ['komentar'],
    vi: ['bình luận', 'lượt bình luận'],
  },
  shares: {
    en: ['shares', 'reposts', 'reshares'],
    fr: ['partages'],
    es: ['compartidos', 'veces compartido', 'compartidas'],
    pt: ['compartilhamentos', 'partilhas'],
    de: ['geteilte inhalte', 'geteilt', 'geteilte', 'teilungen', 'mal geteilt'],
    it: ['condivisioni'],
    id: ['dibagikan', 'bagikan', 'dibagikan ulang'],
    vi: ['lượt chia sẻ', 'chia sẻ'],
  },
  saves: {
    en: ['saves', 'bookmarks', 'collects'],
    fr: ['enregistrements', 'favoris'],
    es: ['guardados', 'veces guardado'],
    pt: ['salvamentos', 'salvos', 'guardados'],
    de: ['gespeichert', 'speicherungen'],
    it: ['salvataggi'],
    id: ['disimpan', 'simpanan'],
    vi: ['lượt lưu', 'đã lưu'],
  },
  duration: {
    en: ['duration', 'video length'],
    fr: ['durée'],
    es: ['duración'],
    pt: ['duração'],
    de: ['dauer', 'videolänge'],
    it: ['durata'],
    id: ['durasi'],
    vi: ['thời lượng'],
  },
  date: {
    en: ['post time', 'publish time', 'upload date', 'create time', 'date'],
    fr: ['date de publication', 'heure de publication', 'publié le', 'date'],
    es: ['fecha de publicación', 'hora de publicación', 'publicado', 'fecha'],
    pt: ['data de publicação', 'horário de publicação', 'publicado em', 'data'],
    de: ['veröffentlichungszeit', 'veröffentlichungsdatum', 'veröffentlicht', 'datum'],
    it: ['data di pubblicazione', 'orario di pubblicazione', 'ora di pubblicazione', 'pubblicato', 'data'],
    id: ['tanggal publikasi', 'waktu publikasi', 'waktu posting', 'tanggal diposting', 'tanggal'],
    vi: ['ngày đăng', 'thời gian đăng', 'ngày xuất bản', 'ngày'],
  },
  hour: {
    en: ['hour'],
    fr: ['heure'],
    es: ['hora'],
    pt: ['hora'],
    de: ['stunde', 'uhrzeit'],
    it: ['ora'],
    id: ['jam'],
    vi: ['giờ đăng', 'giờ'],
  },
  // a time of day beside a date-only column (`Time`, `Heure`): its values must be times of day
  time: {
    en: ['time of day', 'posting time', 'post time of day', 'publish time of day'],
    fr: ['heure de la journée'],
    es: ['hora del día'],
    pt: ['hora do dia'],
    de: ['tageszeit'],
    it: ['ora del giorno'],
    id: ['jam posting'],
    vi: ['giờ trong ngày'],
  },
  platform: {
    en: ['platform', 'social network'],
    fr: ['plateforme', 'réseau social'],
    es: ['plataforma', 'red social'],
    pt: ['plataforma', 'rede social'],
    de: ['plattform'],
    it: ['piattaforma'],
    id: ['platform'],
    vi: ['nền tảng'],
  },
  creator: {
    en: ['creator', 'channel', 'author', 'uploader', 'account', 'username', 'handle', 'user name'],
    fr: ['créateur', 'créatrice', 'chaîne', 'auteur', 'compte', "nom d'utilisateur"],
    es: ['creador', 'canal', 'autor', 'cuenta', 'nombre de usuario', 'usuario'],
    pt: ['criador', 'canal', 'autor', 'conta', 'nome de usuário', 'usuário'],
    de: ['ersteller', 'kanal', 'autor', 'konto', 'nutzername', 'benutzername'],
    it: ['creatore', 'canale', 'autore', 'account', 'nome utente'],
    id: ['kreator', 'pembuat', 'saluran', 'akun', 'nama pengguna'],
    vi: ['người tạo', 'nhà sáng tạo', 'kênh', 'tác giả', 'tài khoản', 'tên người dùng'],
  },
  title: {
    en: ['title', 'caption', 'description', 'text'],
    fr: ['titre', 'légende', 'description'],
    es: ['título', 'descripción', 'subtítulo'],
    pt: ['título', 'legenda', 'descrição'],
    de: ['titel', 'videotitel', 'beschreibung', 'bildunterschrift'],
    it: ['titolo', 'didascalia', 'descrizione'],
    id: ['judul', 'keterangan', 'deskripsi'],
    vi: ['tiêu đề', 'chú thích', 'mô tả'],
  },
  category: {
    en: ['category', 'topic', 'genre', 'niche'],
    fr: ['catégorie', 'thème', 'sujet'],
    es: ['categoría', 'tema', 'género'],
    pt: ['categoria', 'tema', 'gênero'],
    de: ['kategorie', 'thema', 'genre'],
    it: ['categoria', 'tema', 'genere'],
    id: ['kategori', 'topik', 'genre'],
    vi: ['danh mục', 'thể loại', 'chủ đề'],
  },
  country: {
    en: ['country', 'region', 'market', 'territory'],
    fr: ['pays', 'région'],
    es: ['país', 'región'],
    pt: ['país', 'região'],
    de: ['land', 'region'],
    it: ['paese', 'regione'],
    id: ['negara', 'wilayah'],
    vi: ['quốc gia', 'khu vực'],
  },
  // the video itself: its id or its link (a link is reduced to the video, inputs.ts)
  id: {
    en: ['video id', 'post id', 'media id', 'video link', 'video url', 'post link', 'permalink', 'content'],
    fr: ['identifiant de la vidéo', 'lien de la vidéo', 'lien vers la vidéo', 'contenu'],
    es: ['id del video', 'id de la publicación', 'enlace del video', 'enlace al video', 'contenido'],
    pt: ['id do vídeo', 'id da publicação', 'link do vídeo', 'conteúdo'],
    de: ['video id', 'beitrags id', 'videolink', 'link zum video', 'inhalt'],
    it: ['id post', 'id del video', 'link del video', 'contenuto'],
    id: ['id video', 'id postingan', 'tautan video', 'link video', 'konten'],
    vi: ['id video', 'liên kết video', 'đường dẫn video', 'nội dung'],
  },
  // when the rows were taken from the platform: a scrape's or export's own clock
  exportedAt: {
    en: ['scrape time', 'scraped at', 'scraped on', 'scrape date', 'fetch time', 'fetched at', 'crawl time', 'crawled at',
      'export time', 'exported at', 'export date', 'collected at', 'collection time', 'snapshot date', 'trending date'],
    fr: ["date d'export", "date d'extraction", 'extrait le', 'exporté le'],
    es: ['fecha de exportación', 'fecha de extracción', 'exportado el'],
    pt: ['data de exportação', 'data da coleta', 'coletado em'],
    de: ['exportdatum', 'exportiert am', 'abgerufen am', 'abrufzeit'],
    it: ['data di esportazione', 'esportato il'],
    id: ['tanggal ekspor', 'waktu scrape', 'waktu pengambilan'],
    vi: ['ngày xuất', 'thời gian thu thập', 'thời gian cào'],
  },
  hashtags: {
    en: ['hashtags', 'tags'],
    fr: ['hashtags', 'mots-dièse'],
    es: ['hashtags', 'etiquetas'],
    pt: ['hashtags', 'marcadores'],
    de: ['hashtags'],
    it: ['hashtag'],
    id: ['tagar'],
    vi: ['hashtag', 'thẻ'],
  },
};

/**
 * Phrases that name the video only as the whole header: YouTube Studio's `Content` column holds
 * the video id, but `Branded content` or `Contenido de marca` is no id.
 */
export const WHOLE_NAME_ONLY = ['content', 'contenu', 'contenido', 'conteúdo', 'inhalt', 'contenuto', 'konten', 'nội dung'];

/** Words that say "number of" before or glued to a count (`n_views`, `nb_com`, `num_likes`, `vid_nview`). */
export const COUNT_WORDS = ['n', 'nb', 'nbr', 'num', 'no', 'number', 'count', 'total', 'qty', 'nombre', 'numero', 'anzahl', 'jumlah', 'so', 'luot'];

/** Short forms of count words, read only beside a count word (`nb_com`, `n_cmt`). */
export const ABBREVIATIONS: Partial<Record<DetectedConcept, readonly string[]>> = {
  views: ['vw', 'vws', 'view'],
  likes: ['lk', 'lks', 'like'],
  comments: ['com', 'comm', 'cmt', 'cmts', 'comment'],
  shares: ['shr', 'share'],
  saves: ['sav', 'save', 'collect'],
};

/** A music, sound or song column names the track, never the video's title or creator. */
export const MUSIC_WORDS = [
  'music', 'musics', 'sound', 'sounds', 'song', 'songs', 'audio', 'track', 'tracks', 'musique', 'musica',
  'música', 'musik', 'lagu', 'nhạc', 'canción', 'canzone', 'suara', 'som', 'âm', 'thanh',
];

/**
 * Qualifier words of the other languages (the English ones are columns.ts's lists): averages,
 * rates, percentages, ids and "per". `moyenne des vues` is not the views.
 */
export const LOCAL_QUALIFIERS = [
  'moyenne', 'moyen', 'moyennes', 'taux', 'pourcentage', 'promedio', 'tasa', 'porcentaje', 'media', 'médio',
  'taxa', 'porcentagem', 'durchschnitt', 'durchschnittliche', 'durchschnittlich', 'rate', 'anteil', 'prozent',
  'tasso', 'percentuale', 'rata', 'tingkat', 'persentase', 'trung', 'tỷ', 'tỉ', 'identifiant', 'identificador',
  'kennung', 'identificativo', 'mã', 'abonnés', 'suscriptores', 'inscritos', 'abonnenten', 'iscritti',
  'pelanggan', 'người', 'đăng', 'ký',
];

/**
 * Words of watch time and play time: `Temps de visionnage (heures)` is no hour of posting,
 * `Tiempo de reproducción` no views.
 */
export const WATCH_WORDS = [
  'watch', 'watched', 'temps', 'visionnage', 'tiempo', 'reproducción', 'tempo', 'exibição', 'visualização',
  'wiedergabezeit', 'zeit', 'wiedergabedauer', 'riproduzione', 'visualizzazione', 'waktu', 'tonton', 'thời', 'gian',
  'xem',
];
