package dev.llmcall.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * An image sent with a user message: bytes with their media type, or a URL the provider fetches.
 * Sent as OpenAI's {@code image_url} content part (bytes as a {@code data:} URL) and Anthropic's
 * {@code image} block ({@code base64} or {@code url} source).
 *
 * <pre>{@code
 * @LlmCall(prompt = "What is in this picture?")
 * String describe(@ImageInput(mediaType = "image/png") byte[] png);
 * }</pre>
 *
 * Immutable: the bytes are copied in and never handed out.
 */
public final class Image {
  private final String mediaType;
  private final byte[] data;
  private final URI url;

  private Image(String mediaType, byte[] data, URI url) {
    this.mediaType = mediaType;
    this.data = data;
    this.url = url;
  }

  /**
   * Image bytes.
   *
   * @param mediaType such as {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}
   */
  public static Image of(byte[] data, String mediaType) {
    Objects.requireNonNull(data, "data == null");
    Objects.requireNonNull(mediaType, "mediaType == null");
    if (!mediaType.startsWith("image/")) {
      throw new IllegalArgumentException("not an image media type: " + mediaType);
    }
    return new Image(mediaType, data.clone(), null);
  }

  /**
   * The file's bytes, its media type from its extension ({@code png}, {@code jpg}/{@code jpeg},
   * {@code gif}, {@code webp}).
   *
   * @throws IllegalArgumentException for another extension
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Image of(Path file) {
    Objects.requireNonNull(file, "file == null");
    String type = mediaTypeOf(file.getFileName() == null ? "" : file.getFileName().toString());
    try {
      return new Image(type, Files.readAllBytes(file), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + file, e);
    }
  }

  /** An image the provider fetches from {@code url} ({@code https:}), or a {@code data:} URL. */
  public static Image of(URI url) {
    Objects.requireNonNull(url, "url == null");
    if (!"data".equalsIgnoreCase(url.getScheme())) {
      return new Image(null, null, url);
    }
    // data:image/png;base64,....: kept as bytes, so both wires send it the same way
    String s = url.toString();
    int comma = s.indexOf(',');
    String head = comma < 0 ? "" : s.substring(5, comma);
    if (comma < 0 || !head.endsWith(";base64")) {
      throw new IllegalArgumentException("a data: URL must be base64: " + s.substring(0, Math.min(s.length(), 40)));
    }
    return of(Base64.getDecoder().decode(s.substring(comma + 1)), head.substring(0, head.length() - 7));
  }

  static String mediaTypeOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    } else if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    } else if (lower.endsWith(".gif")) {
      return "image/gif";
    } else if (lower.endsWith(".webp")) {
      return "image/webp";
    }
    throw new IllegalArgumentException(
        "cannot tell the media type of " + fileName + ": use .png, .jpg, .jpeg, .gif or .webp");
  }

  /** The media type of bytes; {@code null} for a URL. */
  public String mediaType() {
    return mediaType;
  }

  /** The URL to fetch; {@code null} for bytes. */
  public URI url() {
    return url;
  }

  /** The bytes, base64-encoded; {@code null} for a URL. */
  public String base64() {
    return data == null ? null : Base64.getEncoder().encodeToString(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Image && Objects.equals(mediaType, ((Image) o).mediaType)
        && Arrays.equals(data, ((Image) o).data) && Objects.equals(url, ((Image) o).url);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, Arrays.hashCode(data), url);
  }

  /** The media type and size, or the URL's host: never the bytes. */
  @Override
  public String toString() {
    return url != null ? "Image[" + url.getScheme() + "://" + url.getHost() + "/...]"
        : "Image[" + mediaType + ", " + data.length + " bytes]";
  }
}
