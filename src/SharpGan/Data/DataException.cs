namespace SharpGan.Data;

/// <summary>Input data that cannot be used; the message names the file or folder and the problem.</summary>
public sealed class DataException(string message, Exception? inner = null) : Exception(message, inner);
