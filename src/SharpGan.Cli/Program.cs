using TorchSharp;
SharpGan.Native.TorchRuntime.EnsureLoadable();
foreach (var l in SharpGan.Native.TorchRuntime.Log) Console.WriteLine(l);
var t = torch.randn(3, 3);
Console.WriteLine(t.sum().item<float>());
