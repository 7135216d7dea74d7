package dev.llmcall.runtime.internal.stream;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The user message that asks an OpenAI-compatible model to continue a stream that broke (Chat
 * Completions has no assistant prefill), written in the language of the user's own prompt: a fixed
 * English phrase would pull a German conversation into English. The language is guessed from the
 * script, then from common words; English when unsure. Internal: not part of the API.
 */
final class ContinueInstruction {
  private static final Map<String, String> INSTRUCTIONS = Map.ofEntries(
      Map.entry("en", "Continue your previous answer exactly where it stopped, without repeating"
          + " anything."),
      Map.entry("de", "Setze deine vorige Antwort genau dort fort, wo sie abgebrochen ist, ohne"
          + " etwas zu wiederholen."),
      Map.entry("fr", "Continue ta réponse précédente exactement là où elle s'est arrêtée, sans"
          + " rien répéter."),
      Map.entry("es", "Continúa tu respuesta anterior exactamente donde se interrumpió, sin repetir"
          + " nada."),
      Map.entry("pt", "Continue sua resposta anterior exatamente de onde ela parou, sem repetir"
          + " nada."),
      Map.entry("it", "Continua la tua risposta precedente esattamente da dove si è interrotta,"
          + " senza ripetere nulla."),
      Map.entry("nl", "Ga verder met je vorige antwoord precies waar het stopte, zonder iets te"
          + " herhalen."),
      Map.entry("ru", "Продолжи свой предыдущий ответ точно с того места, где он оборвался,"
          + " ничего не повторяя."),
      Map.entry("ja", "前の回答を、途切れたところからそのまま続けてください。すでに書いた内容は繰り返さないでください。"),
      Map.entry("zh", "请从上一条回答中断的地方继续，不要重复已经写过的内容。"),
      Map.entry("ko", "이전 답변이 끊긴 곳에서 그대로 이어서 작성하고, 이미 쓴 내용은 반복하지 마세요."));

  /** Common short words of the Latin-script languages above; the most hits wins. */
  private static final List<Map.Entry<String, Set<String>>> WORDS = List.of(
      Map.entry("en", Set.of("the", "and", "is", "of", "to", "in", "what", "how", "please", "write",
          "with", "for", "about", "you", "this")),
      Map.entry("de", Set.of("der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "mit",
          "bitte", "schreibe", "über", "für", "ich", "du", "auf")),
      Map.entry("fr", Set.of("le", "les", "et", "est", "une", "des", "du", "pour", "avec", "écris",
          "sur", "vous", "je", "pas", "dans")),
      Map.entry("es", Set.of("el", "los", "las", "y", "es", "una", "por", "para", "con", "escribe",
          "sobre", "del", "no", "en", "qué")),
      Map.entry("pt", Set.of("o", "os", "as", "é", "uma", "um", "para", "com", "não", "escreva",
          "sobre", "você", "do", "da", "em")),
      Map.entry("it", Set.of("il", "lo", "gli", "è", "una", "per", "che", "con", "non", "scrivi",
          "sul", "della", "del", "di", "un")),
      Map.entry("nl", Set.of("de", "het", "een", "en", "is", "niet", "van", "voor", "met", "dat",
          "schrijf", "over", "je", "ik", "op")));

  private ContinueInstruction() {}

  /** The instruction in the language {@code prompt} is written in. */
  static String forPrompt(String prompt) {
    return INSTRUCTIONS.get(language(prompt));
  }

  /** A two-letter guess at the language of {@code text}. */
  static String language(String text) {
    String byScript = byScript(text);
    return byScript != null ? byScript : byWords(text);
  }

  private static String byScript(String text) {
    int han = 0;
    int kana = 0;
    int hangul = 0;
    int cyrillic = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      han += script == Character.UnicodeScript.HAN ? 1 : 0;
      kana += script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA ? 1 : 0;
      hangul += script == Character.UnicodeScript.HANGUL ? 1 : 0;
      cyrillic += script == Character.UnicodeScript.CYRILLIC ? 1 : 0;
      i += Character.charCount(cp);
    }
    if (kana > 0) {
      return "ja";
    } else if (hangul > 0) {
      return "ko";
    } else if (han > 0) {
      return "zh";
    }
    return cyrillic > 0 ? "ru" : null;
  }

  private static String byWords(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
    String best = "en";
    int bestHits = 0;
    for (Map.Entry<String, Set<String>> language : WORDS) {
      int hits = 0;
      for (String w : words) {
        hits += language.getValue().contains(w) ? 1 : 0;
      }
      if (hits > bestHits) {
        best = language.getKey();
        bestHits = hits;
      }
    }
    return best;
  }
}
