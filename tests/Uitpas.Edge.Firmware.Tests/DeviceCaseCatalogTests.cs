#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;
using Xunit;
using Assert = Xunit.Assert;

namespace Uitpas.Edge.Firmware.Tests;

/// <summary>The device test cases are shaped so that the nanoFramework launcher finds and runs all of them.</summary>
public sealed class DeviceCaseCatalogTests
{
    private static readonly Type[] CaseClasses = typeof(DeviceCase).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith(DeviceCase.CaseNamespace + ".Cases", StringComparison.Ordinal) == true
                    && !t.IsNested && t.IsClass && !t.IsAbstract)
        .ToArray();

    [Fact]
    public void There_are_device_cases_and_each_runs_as_a_theory_row()
    {
        Assert.NotEmpty(DeviceCase.All);
        Assert.Equal(DeviceCase.All.Count, DeviceCase.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Every_class_under_Cases_is_a_public_test_class_with_a_parameterless_constructor()
    {
        var wrong = CaseClasses
            .Where(t => t.GetCustomAttribute<TestClassAttribute>() is null || !t.IsPublic || t.GetConstructor(Type.EmptyTypes) is null)
            .Select(t => t.FullName)
            .ToList();

        Assert.True(wrong.Count == 0, "not runnable by the device launcher: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Every_public_method_of_a_test_class_is_a_case_or_a_fixture_step()
    {
        var stray = CaseClasses
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName
                        && m.GetCustomAttribute<TestMethodAttribute>() is null
                        && !m.GetCustomAttributes<DataRowAttribute>().Any()
                        && m.GetCustomAttribute<SetupAttribute>() is null
                        && m.GetCustomAttribute<CleanupAttribute>() is null)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.True(stray.Count == 0, "public methods that would never run (mark them [TestMethod] or make them private): " + string.Join(", ", stray));
    }

    [Fact]
    public void Every_case_returns_void()
    {
        var wrong = DeviceCase.All.Where(c => c.Method.ReturnType != typeof(void)).Select(c => c.Name).ToList();

        Assert.True(wrong.Count == 0, "cases must return void: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Case_classes_keep_no_state_in_instance_fields()
    {
        // The device launcher (UnitTestLauncher of nanoFramework.TestFramework 3.0) runs every case of a
        // class with MethodInfo.Invoke(null, …): there is no instance per case, and no instance at all to
        // keep fields in. Each case builds its own fixture in locals.
        var withFields = CaseClasses
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name}")
            .ToList();

        Assert.True(withFields.Count == 0, "instance fields in case classes (use locals or a fixture object per case): " + string.Join(", ", withFields));
    }

    [Fact]
    public void Every_data_row_gives_each_parameter_a_value_of_exactly_its_type()
    {
        // The device launcher passes DataRowAttribute.MethodParameters to Invoke as they are: no
        // widening (an int literal for a long or uint parameter) and no arrays or nulls in attributes
        // (the metadata processor of the device image keeps constants only).
        var wrong = new List<string>();
        foreach (var c in DeviceCase.All.Where(c => c.Row is not null))
        {
            var parameters = c.Method.GetParameters();
            if (parameters.Length != c.Row!.Length)
            {
                wrong.Add($"{c.Name}: {c.Row.Length} values for {parameters.Length} parameters");
                continue;
            }
            for (int i = 0; i < parameters.Length; i++)
            {
                object? value = c.Row[i];
                Type expected = parameters[i].ParameterType;
                if (value is null || !(value.GetType().IsPrimitive || value is string) || value.GetType() != expected)
                {
                    wrong.Add($"{c.Name}: parameter {parameters[i].Name} is {expected.Name}, the row gives {value?.GetType().Name ?? "null"}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "data rows the device cannot pass as they are: " + string.Join("; ", wrong));
    }
}
