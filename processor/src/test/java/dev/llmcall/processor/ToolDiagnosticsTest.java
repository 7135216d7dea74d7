package dev.llmcall.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.llmcall.processor.Compilations.bad;
import static dev.llmcall.processor.Compilations.compile;
import static dev.llmcall.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversations, images and tools (#12): each mistake in a history, image or tool-set parameter,
 * in a tool set or in the tool settings of {@code @LlmCall} is one error, on the line that has
 * it.
 */
class ToolDiagnosticsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "TwoHistories          | TWO_HISTORIES          | List<ChatMessage> earlier);"
        + " | Parameter 'earlier' of TwoHistories.reply is a second conversation history",
    "ModelParameterType    | MODEL_PARAMETER_TYPE   | @Model int tier);"
        + " | @Model on parameter 'tier' of ModelParameterType.ask, whose type int is not String",
    "TwoModels             | TWO_MODELS             | @Model String fallbackModel);"
        + " | Parameter 'fallbackModel' of TwoModels.ask is a second @Model parameter",
    "TwoToolSets           | TWO_TOOL_SETS          | Calendar calendar);"
        + " | Parameter 'calendar' of TwoToolSets.ask is a second tool set (TwoToolSets.Calendar)",
    "InputInTemplate       | INPUT_IN_TEMPLATE      | String reply(List<ChatMessage> history,"
        + " | Parameter 'history' of InputInTemplate.reply is the conversation history, which is"
        + " sent as such and not rendered into a prompt; remove {history}",
    "ImageInputType        | IMAGE_INPUT_TYPE       | @ImageInput String picture);"
        + " | @ImageInput on parameter 'picture' of ImageInputType.describe, whose type String"
        + " cannot be an image",
    "ImageMediaTypeMissing | IMAGE_MEDIA_TYPE_MISSING | @ImageInput byte[] picture);"
        + " | Parameter 'picture' of ImageMediaTypeMissing.describe is image bytes without a"
        + " media type",
    "InvalidImageMediaType | INVALID_IMAGE_MEDIA_TYPE | application/pdf"
        + " | mediaType = \"application/pdf\" on parameter 'document' of"
        + " InvalidImageMediaType.describe is not an image media type",
    "ImageMediaTypeUnused  | IMAGE_MEDIA_TYPE_UNUSED | Path picture);"
        + " | mediaType = \"image/png\" on parameter 'picture' of ImageMediaTypeUnused.describe"
        + " would not be used: the parameter is a Path, whose media type comes from its file"
        + " name",
    "MaxToolRoundsOutOfRange | MAX_TOOL_ROUNDS_OUT_OF_RANGE | maxToolRounds = -1)"
        + " | maxToolRounds = -1 on MaxToolRoundsOutOfRange.ask must be at least 1",
    "ToolSetNotInterface   | TOOL_SET_NOT_INTERFACE | Clock clock);"
        + " | Parameter 'clock' of ToolSetNotInterface.ask is a tool set, but its type"
        + " ToolSetNotInterface.Clock is not an interface",
    "NotATool              | NOT_A_TOOL             | String zone();"
        + " | Abstract method NotATool.Clock.zone of tool set NotATool.Clock has no @Tool",
    "MisplacedTool         | MISPLACED_TOOL         | @Tool(\"The time zone\")"
        + " | @Tool method MisplacedTool.Clock.zone is static, so the caller's implementation",
    "GenericTool           | GENERIC_TOOL           | <T> void save(String key);"
        + " | Tool GenericTool.Store.save declares type parameters <T>",
    "ToolOverload          | TOOL_OVERLOAD          | void save(int number);"
        + " | Tool ToolOverload.Store.save overloads another tool of ToolOverload.Store",
    "DuplicateToolName     | DUPLICATE_TOOL_NAME    | name = \"save\")"
        + " | Tool name \"save\" of DuplicateToolName.Store.saveNumber is also the name of"
        + " DuplicateToolName.Store.save",
    "InvalidToolName       | INVALID_TOOL_NAME      | name = \"save text\")"
        + " | Tool name \"save text\" of InvalidToolName.Store.save is not 1 to 64 of the"
        + " characters",
    "BlankToolDescription  | BLANK_TOOL_DESCRIPTION | @Tool(\" \")"
        + " | The @Tool description of BlankToolDescription.Store.save is blank",
    "UnsupportedToolType   | UNSUPPORTED_TOOL_TYPE  | Object value);"
        + " | Parameter 'value' of tool UnsupportedToolType.Store.save has type Object, which"
        + " llmcall cannot map to JSON: Object is not a record, an enum",
  })
  void eachMistakeIsOneErrorOnItsLine(
      String fixture, Messages message, String line, String text) {
    JavaFileObject source = bad(fixture);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message.tag() + " " + text)
        .inFile(source).onLineContaining(line);
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void toolSettingsWithoutAToolSetAreErrorsOnTheirValues() {
    JavaFileObject source = bad("ToolSettingWithoutTools");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(Messages.TOOL_SETTING_WITHOUT_TOOLS.tag()
            + " maxToolRounds = 3 on ToolSettingWithoutTools.ask has no tools to apply to")
        .inFile(source).onLineContaining("maxToolRounds = 3)");
    assertThat(compilation).hadErrorContaining(Messages.TOOL_SETTING_WITHOUT_TOOLS.tag()
            + " failOnToolError = true on ToolSettingWithoutTools.askAgain has no tools")
        .inFile(source).onLineContaining("failOnToolError = true)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Object                          | Object is not a record, an enum",
    "int[]                           | int[] is an array; use a List",
    "java.util.Optional<String>      | a tool returns its value, or null for none",
    "java.util.List<Object>          | Object is not a record, an enum",
  })
  void unsupportedToolResultsAreReportedOnTheTool(String type, String reason) {
    JavaFileObject source = withStore(
        "    @Tool(\"Loads a value\")",
        "    " + type + " load(String key);");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_TOOL_TYPE.tag()
            + " The result of tool Assistant.Store.load has type")
        .inFile(source).onLineContaining(" load(String key);");
    assertThat(compilation).hadErrorContaining(reason);
  }

  /** The records of a tool's parameters follow the rules of structured output. */
  @Test
  void aRecordOfAToolIsCheckedOnItsComponent() {
    JavaFileObject source = withStore(
        "    record Entry(String key,",
        "        Object payload) {}",
        "    @Tool(\"Saves an entry\")",
        "    void save(Entry entry);");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.UNSUPPORTED_COMPONENT_TYPE.tag()
            + " Component 'payload' of record Assistant.Store.Entry has type Object")
        .inFile(source).onLineContaining("Object payload) {}");
  }

  /** A tool set taken by two methods is checked once. */
  @Test
  void aToolSetIsReportedOnceHoweverManyMethodsTakeIt() {
    JavaFileObject source = source("Assistant",
        "import dev.llmcall.annotations.Tool;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  interface Store {",
        "    @Tool(\"\")",
        "    void save(String text);",
        "  }",
        "  @LlmCall(prompt = \"{question}\")",
        "  String ask(String question, Store store);",
        "  @LlmCall(prompt = \"{question}\")",
        "  Stream<String> askAgain(String question, Store store);",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Messages.BLANK_TOOL_DESCRIPTION.tag());
  }

  /** History, images and tool sets are never "unused": they are sent as such. */
  @Test
  void parametersSentAsSuchAreNotUnused() {
    Compilation compilation = compile(source("Assistant",
        "import dev.llmcall.annotations.ImageInput;",
        "import dev.llmcall.annotations.Tool;",
        "import dev.llmcall.runtime.ChatMessage;",
        "import dev.llmcall.runtime.Image;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  interface Clock {",
        "    @Tool(\"The time now\")",
        "    String now();",
        "  }",
        "  @LlmCall(prompt = \"Go\")",
        "  String go(java.util.List<ChatMessage> history, Image image,",
        "      @ImageInput java.net.URI url, Clock clock);",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /** A client whose one method takes the tool set {@code Store}, of {@code members}. */
  private static JavaFileObject withStore(String... members) {
    List<String> lines = new ArrayList<>(List.of(
        "import dev.llmcall.annotations.Tool;",
        "@LlmClient(provider = \"openai\", model = \"gpt-4o-mini\")",
        "public interface Assistant {",
        "  interface Store {"));
    lines.addAll(List.of(members));
    lines.addAll(List.of(
        "  }",
        "  @LlmCall(prompt = \"{question}\")",
        "  String ask(String question, Store store);",
        "}"));
    return source("Assistant", lines.toArray(String[]::new));
  }
}
