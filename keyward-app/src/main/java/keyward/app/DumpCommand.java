package keyward.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.JsonCodec;
import keyward.kmip.codec.TextFormat;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Decodes a KMIP message in any encoding and prints it (readable, key material redacted) or
 * converts it to another encoding.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Decode a KMIP message (TTLV binary, XML or JSON, detected from the content) and print it.",
      "The text form redacts key material; xml/json/ttlv convert the message (and keep it all)."
    })
final class DumpCommand implements Callable<Integer> {

  enum Format { text, xml, json, ttlv }

  @Parameters(index = "0", paramLabel = "FILE", description = "The message file, or - for standard input.")
  String file;

  @Option(names = "--to", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "text")
  Format to;

  @Option(names = "--kmip-version", description = "Names to use for tags and values (default: ${DEFAULT-VALUE}).",
      defaultValue = "2.1")
  String version;

  @Override
  public Integer call() throws IOException {
    byte[] input = "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    KmipVersion v = KmipVersion.parse(version);
    Item item;
    try {
      item = decode(input);
    } catch (DecodeException e) {
      System.err.println("dump: not a KMIP message: " + e.getMessage());
      return 1;
    }
    OutputStream out = System.out;
    switch (to) {
      case text -> out.write(TextFormat.format(item, v).getBytes(StandardCharsets.UTF_8));
      case xml -> out.write(new XmlCodec().encode(item, v).getBytes(StandardCharsets.UTF_8));
      case json -> out.write((new JsonCodec().encode(item, v, true) + "\n").getBytes(StandardCharsets.UTF_8));
      case ttlv -> out.write(new TtlvCodec().encode(item));
    }
    out.flush();
    return 0;
  }

  private static Item decode(byte[] input) throws DecodeException {
    int i = 0;
    while (i < input.length && Character.isWhitespace(input[i])) {
      i++;
    }
    CodecLimits limits = CodecLimits.DEFAULT;
    if (i < input.length && input[i] == '<') {
      return new XmlCodec(limits).decode(input);
    }
    if (i < input.length && (input[i] == '{' || input[i] == '[')) {
      return new JsonCodec(limits).decode(input);
    }
    return new TtlvCodec(limits).decode(input);
  }
}
