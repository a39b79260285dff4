namespace SharpGan.Export;

/// <summary>A network that cannot be exported as it is: the message names the module, its type and the architecture.</summary>
public sealed class OnnxExportException(string message) : Exception(message);
