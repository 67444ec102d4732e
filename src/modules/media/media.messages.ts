const fr = {
  'media.title': 'Médiathèque',
  'media.malformed': 'envoi multipart illisible : envoyez l’image dans le champ « file » d’un formulaire multipart/form-data complet',
  'media.upload': 'Ajouter une image',
  'media.file': 'Fichier (JPEG, PNG, WebP ou AVIF, {max} Mo au plus)',
  'media.alt': 'Texte alternatif',
  'media.alt_hint': 'Décrit l’image pour qui ne la voit pas. Obligatoire.',
  'media.submit': 'Envoyer',
  'media.uploaded': 'Image ajoutée.',
  'media.none': 'Aucune image pour le moment.',
  'media.alt_missing': 'Texte alternatif manquant',
  'media.alt_save': 'Enregistrer le texte',
  'media.alt_saved': 'Texte alternatif enregistré.',
  'media.error': 'L’image n’a pas été ajoutée : {message}',
  'media.size': '{width} × {height} px',
} as const;

const en: Record<keyof typeof fr, string> = {
  'media.title': 'Media library',
  'media.malformed': 'unreadable multipart body: send the image in the "file" field of a complete multipart/form-data form',
  'media.upload': 'Add an image',
  'media.file': 'File (JPEG, PNG, WebP or AVIF, {max} MB at most)',
  'media.alt': 'Alternative text',
  'media.alt_hint': 'Describes the image for those who cannot see it. Required.',
  'media.submit': 'Upload',
  'media.uploaded': 'Image added.',
  'media.none': 'No image yet.',
  'media.alt_missing': 'Alternative text missing',
  'media.alt_save': 'Save the text',
  'media.alt_saved': 'Alternative text saved.',
  'media.error': 'The image was not added: {message}',
  'media.size': '{width} × {height} px',
};

/** Messages of the media library. */
export const mediaMessages = { fr, en };
